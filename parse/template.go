package parse

// The national templates as data, in this one file: every section, row and
// column with its canonical key, the Chinese labels it is printed with
// (variants seen in the wild included), which layout (2019/2021) has it, the
// header words that tell the layouts apart, and the sum rules (勾稽关系) the
// checks and the glued-number splitter use. The matcher (match.go), the
// checks (checks.go) and the warehouse's key dictionary (warehouse/keys.go,
// exported as keys.csv) all read it through template_index.go. A new label
// typo is one more string here, not a new branch in code.

// SectionSpec is one statistics table.
type SectionSpec struct {
	Key   string
	Table string // the table's number in the report: 二, 三, 四
	// Title is the section heading as the national template prints it.
	Title string
	// Headings are the printed forms of the heading that open the section
	// (compared after normLabel).
	Headings []string
	// RunHeaders are column headers of a table whose values follow as one
	// run, row after row (table 四): seeing one arms the table. Such a
	// table's rows are read by position, never matched by their labels.
	RunHeaders []string
}

// RowSpec is one template row.
type RowSpec struct {
	Section string
	Key     string
	// Labels are the printed forms; they are compared after normLabel and
	// after numbering such as "(一)", "1." or "三、" is stripped. Labels[0]
	// is the one data dictionaries show.
	Labels []string
	// Cols lists the column keys per template; a row missing from a
	// template has no entry.
	Cols map[string][]string
	// Group marks rows that may also stand as a group heading with no values
	// of their own (2021's "(六)其他处理" heads three rows; 2019's is a row).
	Group bool
	// Common marks rows whose labels are common words ("总计", "其他"):
	// they are this row only while the row's own table is being read.
	Common bool
	// Outcome marks table 三's outcome rows, which add up to (七)总计.
	Outcome bool
	// LayoutLabels are labels of this row that only one layout prints as a
	// row with values: 2019's "(六)其他处理" has seven cells, 2021's heads
	// three rows and has none.
	LayoutLabels map[string]string
	// SplitSums marks rows whose cells are counts that add up: printed
	// split into sub-rows (其他对外管理服务事项 as 行政检查 and 行政确认), the
	// row is the sum of its sub-rows. Other rows split into sub-rows are
	// stored only where every sub-row is blank or zero (split_rows.go).
	SplitSums bool
}

// ColSpec names a column with its Chinese label (for data dictionaries) and
// the header words table 二 prints it under.
type ColSpec struct {
	Key, Label string
	Headers    []HeaderWord
}

// HeaderWord is one printed form of a table-二 column header and the layout
// it is evidence of (anyLayout: both print it).
type HeaderWord struct {
	Word, Layout string
}

// SumRule is one accounting rule (勾稽关系, CONTRACT.md): Total's cells add
// up to Parts' cells. Down says the rule adds rows within each column
// (Total and Parts are row keys); otherwise it adds columns within each row
// of its section (Total and Parts are column keys). Keys a layout lacks are
// left out of the sum.
type SumRule struct {
	Name    string
	Section string
	Down    bool
	Total   []string
	Parts   []string
}

// Sections are the statistics tables in the order the report prints them.
var Sections = []SectionSpec{
	{Key: SectionProactive, Table: "二", Title: "二、主动公开政府信息情况",
		Headings: []string{"主动公开政府信息情况"}},
	{Key: SectionRequests, Table: "三", Title: "三、收到和处理政府信息公开申请情况",
		Headings: []string{"收到和处理政府信息公开申请情况"}},
	{Key: SectionReview, Table: "四", Title: "四、政府信息公开行政复议、行政诉讼情况",
		Headings:   []string{"政府信息公开行政复议行政诉讼情况", "因政府信息公开申请行政复议行政诉讼情况"},
		RunHeaders: []string{"行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "未经复议直接起诉", "复议后起诉"}},
}

// endHeadings are the report's parts after the tables: they end the statistics.
var endHeadings = []string{"存在的主要问题及改进情况", "其他需要报告的事项"}

var (
	proactiveCols2021 = []string{"issued", "repealed", "in_force"}
	proactiveCols2019 = []string{"made", "published", "total_published"}
	decisions2019     = []string{"prior_items", "change", "decisions"}
	decisions2021     = []string{"decisions"}
	requestCols       = []string{"natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org", "total"}
	reviewCols        = []string{"upheld", "corrected", "other", "pending", "total"}
)

func both(c []string) map[string][]string {
	return map[string][]string{Template2019: c, Template2021: c}
}

// Rows is the template, in the order the tables print it.
var Rows = []RowSpec{
	// 二、主动公开政府信息情况
	{Section: SectionProactive, Key: "regulations", Labels: []string{"规章"},
		Cols: map[string][]string{Template2019: proactiveCols2019, Template2021: proactiveCols2021}},
	{Section: SectionProactive, Key: "normative_documents", Labels: []string{"行政规范性文件", "规范性文件"},
		Cols: map[string][]string{Template2019: proactiveCols2019, Template2021: proactiveCols2021}},
	{Section: SectionProactive, Key: "licensing", Labels: []string{"行政许可"},
		Cols: map[string][]string{Template2019: decisions2019, Template2021: decisions2021}, SplitSums: true},
	{Section: SectionProactive, Key: "other_services", Labels: []string{"其他对外管理服务事项", "其他对外管理服务"},
		Cols: map[string][]string{Template2019: decisions2019}, SplitSums: true},
	{Section: SectionProactive, Key: "punishment", Labels: []string{"行政处罚"},
		Cols: map[string][]string{Template2019: decisions2019, Template2021: decisions2021}, SplitSums: true},
	{Section: SectionProactive, Key: "enforcement", Labels: []string{"行政强制"},
		Cols: map[string][]string{Template2019: decisions2019, Template2021: decisions2021}, SplitSums: true},
	{Section: SectionProactive, Key: "fees", Labels: []string{"行政事业性收费"},
		Cols: map[string][]string{Template2019: {"prior_items", "change"}, Template2021: {"amount_10k_yuan"}}},
	{Section: SectionProactive, Key: "procurement", Labels: []string{"政府集中采购"},
		Cols: map[string][]string{Template2019: {"items", "amount_10k_yuan"}}},

	// 三、收到和处理政府信息公开申请情况
	{Section: SectionRequests, Key: "new", Labels: []string{"本年新收政府信息公开申请数量"}, Cols: both(requestCols)},
	{Section: SectionRequests, Key: "carried_over", Labels: []string{"上年结转政府信息公开申请数量"}, Cols: both(requestCols)},
	{Section: SectionRequests, Key: "granted", Labels: []string{"予以公开"}, Cols: both(requestCols), Outcome: true},
	{Section: SectionRequests, Key: "partially_granted", Labels: []string{"部分公开", "部分公开区分处理的只计这一情形不计其他情形"}, Cols: both(requestCols), Outcome: true},
	{Section: SectionRequests, Key: "denied_state_secret", Labels: []string{"属于国家秘密"}, Cols: both(requestCols), Outcome: true},
	{Section: SectionRequests, Key: "denied_prohibited_by_law", Labels: []string{"其他法律行政法规禁止公开"}, Cols: both(requestCols), Outcome: true},
	{Section: SectionRequests, Key: "denied_security_stability", Labels: []string{"危及三安全一稳定"}, Cols: both(requestCols), Outcome: true},
	{Section: SectionRequests, Key: "denied_third_party", Labels: []string{"保护第三方合法权益"}, Cols: both(requestCols), Outcome: true},
	{Section: SectionRequests, Key: "denied_internal_affairs", Labels: []string{"属于三类内部事务信息"}, Cols: both(requestCols), Outcome: true},
	{Section: SectionRequests, Key: "denied_process_info", Labels: []string{"属于四类过程性信息"}, Cols: both(requestCols), Outcome: true},
	{Section: SectionRequests, Key: "denied_enforcement_file", Labels: []string{"属于行政执法案卷"}, Cols: both(requestCols), Outcome: true},
	{Section: SectionRequests, Key: "denied_admin_query", Labels: []string{"属于行政查询事项"}, Cols: both(requestCols), Outcome: true},
	{Section: SectionRequests, Key: "unable_not_held", Labels: []string{"本机关不掌握相关政府信息"}, Cols: both(requestCols), Outcome: true},
	{Section: SectionRequests, Key: "unable_needs_creation", Labels: []string{"没有现成信息需要另行制作"}, Cols: both(requestCols), Outcome: true},
	{Section: SectionRequests, Key: "unable_unclear", Labels: []string{"补正后申请内容仍不明确"}, Cols: both(requestCols), Outcome: true},
	{Section: SectionRequests, Key: "not_processed_complaint", Labels: []string{"信访举报投诉类申请"}, Cols: both(requestCols), Outcome: true},
	{Section: SectionRequests, Key: "not_processed_duplicate", Labels: []string{"重复申请"}, Cols: both(requestCols), Outcome: true},
	{Section: SectionRequests, Key: "not_processed_publication", Labels: []string{"要求提供公开出版物"}, Cols: both(requestCols), Outcome: true},
	{Section: SectionRequests, Key: "not_processed_excessive", Labels: []string{"无正当理由大量反复申请"}, Cols: both(requestCols), Outcome: true},
	{Section: SectionRequests, Key: "not_processed_confirmation", Labels: []string{"要求行政机关确认或重新出具已获取信息"}, Cols: both(requestCols), Outcome: true},
	{Section: SectionRequests, Key: "other_overdue_correction", Labels: []string{"申请人无正当理由逾期不补正行政机关不再处理其政府信息公开申请", "申请人无正当理由逾期不补正"},
		Cols: map[string][]string{Template2021: requestCols}, Outcome: true},
	{Section: SectionRequests, Key: "other_unpaid_fee", Labels: []string{"申请人逾期未按收费通知要求缴纳费用行政机关不再处理其政府信息公开申请", "申请人逾期未按收费通知要求缴纳费用"},
		Cols: map[string][]string{Template2021: requestCols}, Outcome: true},
	// "其他处理" is 2019's row and 2021's group heading; "其他" is 2021's row
	// (and, before the rows start, the 其他 applicant column header).
	{Section: SectionRequests, Key: "other", Labels: []string{"其他处理", "其他"}, Cols: both(requestCols), Group: true, Common: true, Outcome: true,
		LayoutLabels: map[string]string{"其他处理": Template2019, "其他": Template2021}},
	{Section: SectionRequests, Key: "handled_total", Labels: []string{"总计"}, Cols: both(requestCols), Common: true},
	{Section: SectionRequests, Key: "carried_forward", Labels: []string{"结转下年度继续办理"}, Cols: both(requestCols)},

	// 四、政府信息公开行政复议、行政诉讼情况: one run of 15 values.
	{Section: SectionReview, Key: "reconsideration", Labels: []string{"行政复议"}, Cols: both(reviewCols)},
	{Section: SectionReview, Key: "litigation_direct", Labels: []string{"行政诉讼·未经复议直接起诉", "未经复议直接起诉"}, Cols: both(reviewCols)},
	{Section: SectionReview, Key: "litigation_after_reconsideration", Labels: []string{"行政诉讼·复议后起诉", "复议后起诉"}, Cols: both(reviewCols)},
}

// Columns are every column key with its Chinese label and, for table 二,
// the header words it is printed under, each with the layout it is
// evidence of (NOTES.md: decide the layout by header, not year); truncated
// and typo forms seen in the wild are included, compared after normLabel. A
// word both layouts print ("本年制作数量" reads as 2019's 本年新制作数量 and
// 2021's 本年制发件数) is anyLayout: it opens table 二 but is no evidence.
var Columns = []ColSpec{
	{Key: "issued", Label: "本年制发件数", Headers: []HeaderWord{{"本年制发件数", Template2021}, {"本年发件", Template2021}, {"本年制作数量", anyLayout}}},
	{Key: "repealed", Label: "本年废止件数", Headers: []HeaderWord{{"本年废止件数", Template2021}}},
	{Key: "in_force", Label: "现行有效件数", Headers: []HeaderWord{{"现行有效件数", Template2021}, {"现行有效件", Template2021}}},
	{Key: "made", Label: "本年新制作数量", Headers: []HeaderWord{{"本年新制作数量", Template2019}, {"制作数量", Template2019}, {"本年新", Template2019}, {"本年制作数量", anyLayout}}},
	{Key: "published", Label: "本年新公开数量", Headers: []HeaderWord{{"本年新公开数量", Template2019}, {"公开数量", Template2019}, {"本年新", Template2019}}},
	{Key: "total_published", Label: "对外公开总数量", Headers: []HeaderWord{{"对外公开总数量", Template2019}, {"对外公开总", Template2019}, {"对外公开", Template2019}}},
	{Key: "prior_items", Label: "上一年项目数量", Headers: []HeaderWord{{"上一年项目数量", Template2019}}},
	{Key: "change", Label: "本年增/减", Headers: []HeaderWord{{"本年增减", Template2019}, {"本年增", Template2019}}},
	// 处理决定数量 heads both layouts' column and is no header word; 2021
	// prints 本年处理决定数量.
	{Key: "decisions", Label: "处理决定数量", Headers: []HeaderWord{{"本年处理决定数量", Template2021}}},
	// 2021's fees and 2019's procurement print their amounts under
	// different headers.
	{Key: "amount_10k_yuan", Label: "金额(万元)", Headers: []HeaderWord{
		{"本年收费金额", Template2021}, {"本年收费金额单位万元", Template2021},
		{"采购总金额", Template2019}, {"采购总金额元", Template2019}, {"采购总金额万元", Template2019},
		{"采购总金额单位元", Template2019}, {"采购总金额单位万元", Template2019}}},
	{Key: "items", Label: "采购项目数量", Headers: []HeaderWord{{"采购项目数量", Template2019}}},
	{Key: "natural_person", Label: "自然人"}, {Key: "commercial", Label: "商业企业"}, {Key: "research", Label: "科研机构"},
	{Key: "social_welfare", Label: "社会公益组织"}, {Key: "legal_services", Label: "法律服务机构"}, {Key: "other_org", Label: "其他"},
	{Key: "total", Label: "总计"},
	{Key: "upheld", Label: "结果维持"}, {Key: "corrected", Label: "结果纠正"}, {Key: "other", Label: "其他结果"}, {Key: "pending", Label: "尚未审结"},
}

// groupLabels head a block of rows and carry no values of their own.
var groupLabels = []string{
	"本年度办理结果", "不予公开", "无法提供", "不予处理", "其他处理",
	"第二十条第一项", "第二十条第五项", "第二十条第六项", "第二十条第八项", "第二十条第九项",
	"第二十条一项", "第二十条五项", "第二十条六项", "第二十条八项", "第二十条九项",
}

// anyLayout marks a header word both layouts print.
const anyLayout = ""

// ColumnOrder is a run of columns that one header prints left to right:
// the matcher reads a row's values in this order, so a header printing two
// of them the other way round means its values cannot be placed
// (columnorder.go). Only the columns whose header words name one column are
// listed: 其他 is also a row label, and 总计 stands where the header's rows
// put it.
type ColumnOrder struct {
	Section string
	Cols    []string
	// Repeats: the header prints the run several times (table 四: once for
	// 行政复议, twice for 行政诉讼).
	Repeats bool
}

// legalPersonsGroup stands in ColumnOrders for the header's group word
// 法人或其他组织, which names no column of its own (columnWords).
const legalPersonsGroup = "(法人或其他组织)"

// ColumnOrders lists the headers' column runs.
var ColumnOrders = []ColumnOrder{
	{Section: SectionProactive, Cols: proactiveCols2021},
	{Section: SectionProactive, Cols: proactiveCols2019},
	{Section: SectionProactive, Cols: decisions2019},
	{Section: SectionProactive, Cols: []string{"items", "amount_10k_yuan"}},
	{Section: SectionRequests, Cols: requestCols[:6]},
	// 总计 is printed before 商业企业 in the two-row header, but never
	// before 自然人.
	{Section: SectionRequests, Cols: []string{"natural_person", "total"}},
	// The group 法人或其他组织 stands over the five columns after 自然人:
	// printed before it, the header has put 自然人 after them, which the
	// words of its last row alone (商业企业 … 其他) do not show.
	{Section: SectionRequests, Cols: []string{"natural_person", legalPersonsGroup}},
	{Section: SectionReview, Cols: reviewCols, Repeats: true},
}

// SumRules are the accounting rules, checked wherever every cell they need
// holds a number (checks.go) and used to decide glued digits (glued.go).
var SumRules = []SumRule{
	// 新收 + 上年结转 = (七)总计 + 结转下年度, in every column.
	{Name: "requests_balance", Section: SectionRequests, Down: true,
		Total: []string{"new", "carried_over"}, Parts: []string{"handled_total", "carried_forward"}},
	// Each column's outcomes add up to (七)总计.
	{Name: "requests_outcomes", Section: SectionRequests, Down: true,
		Total: []string{"handled_total"}, Parts: outcomeRowKeys()},
	// A row's 总计 is the sum of its six applicant columns.
	{Name: "requests_row_total", Section: SectionRequests,
		Total: []string{"total"}, Parts: requestCols[:6]},
	// Each table-四 group's 总计 is the sum of its four outcomes.
	{Name: "review_total", Section: SectionReview,
		Total: []string{"total"}, Parts: reviewCols[:4]},
}
