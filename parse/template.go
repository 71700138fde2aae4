package parse

// The national templates as data: every row of tables 二, 三 and 四 with its
// canonical key, the labels it is printed with (variants seen in the wild
// included) and its columns under each layout. A new label typo is one more
// string here, not a new branch in the matcher.

// RowSpec is one template row.
type RowSpec struct {
	Section string
	Key     string
	// Labels are the printed forms; they are compared after normLabel and
	// after numbering such as "(一)", "1." or "三、" is stripped.
	Labels []string
	// Cols lists the column keys per template; a row missing from a
	// template has no entry.
	Cols map[string][]string
	// Group marks rows that may also stand as a group heading with no values
	// of their own (2021's "(六)其他处理" heads three rows; 2019's is a row).
	Group bool
}

// ColSpec names a column with its Chinese label, for data dictionaries.
type ColSpec struct {
	Section, Key, Label string
}

var (
	proactiveCols2021 = []string{"issued", "repealed", "in_force"}
	proactiveCols2019 = []string{"made", "published", "total_published"}
	decisions2019     = []string{"prior_items", "change", "decisions"}
	decisions2021     = []string{"decisions"}
	requestCols       = []string{"natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org", "total"}
	reviewRows        = []string{"reconsideration", "litigation_direct", "litigation_after_reconsideration"}
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
		Cols: map[string][]string{Template2019: decisions2019, Template2021: decisions2021}},
	{Section: SectionProactive, Key: "other_services", Labels: []string{"其他对外管理服务事项", "其他对外管理服务"},
		Cols: map[string][]string{Template2019: decisions2019}},
	{Section: SectionProactive, Key: "punishment", Labels: []string{"行政处罚"},
		Cols: map[string][]string{Template2019: decisions2019, Template2021: decisions2021}},
	{Section: SectionProactive, Key: "enforcement", Labels: []string{"行政强制"},
		Cols: map[string][]string{Template2019: decisions2019, Template2021: decisions2021}},
	{Section: SectionProactive, Key: "fees", Labels: []string{"行政事业性收费"},
		Cols: map[string][]string{Template2019: {"prior_items", "change"}, Template2021: {"amount_10k_yuan"}}},
	{Section: SectionProactive, Key: "procurement", Labels: []string{"政府集中采购"},
		Cols: map[string][]string{Template2019: {"items", "amount_10k_yuan"}}},

	// 三、收到和处理政府信息公开申请情况
	{Section: SectionRequests, Key: "new", Labels: []string{"本年新收政府信息公开申请数量"}, Cols: both(requestCols)},
	{Section: SectionRequests, Key: "carried_over", Labels: []string{"上年结转政府信息公开申请数量"}, Cols: both(requestCols)},
	{Section: SectionRequests, Key: "granted", Labels: []string{"予以公开"}, Cols: both(requestCols)},
	{Section: SectionRequests, Key: "partially_granted", Labels: []string{"部分公开", "部分公开区分处理的只计这一情形不计其他情形"}, Cols: both(requestCols)},
	{Section: SectionRequests, Key: "denied_state_secret", Labels: []string{"属于国家秘密"}, Cols: both(requestCols)},
	{Section: SectionRequests, Key: "denied_prohibited_by_law", Labels: []string{"其他法律行政法规禁止公开"}, Cols: both(requestCols)},
	{Section: SectionRequests, Key: "denied_security_stability", Labels: []string{"危及三安全一稳定"}, Cols: both(requestCols)},
	{Section: SectionRequests, Key: "denied_third_party", Labels: []string{"保护第三方合法权益"}, Cols: both(requestCols)},
	{Section: SectionRequests, Key: "denied_internal_affairs", Labels: []string{"属于三类内部事务信息"}, Cols: both(requestCols)},
	{Section: SectionRequests, Key: "denied_process_info", Labels: []string{"属于四类过程性信息"}, Cols: both(requestCols)},
	{Section: SectionRequests, Key: "denied_enforcement_file", Labels: []string{"属于行政执法案卷"}, Cols: both(requestCols)},
	{Section: SectionRequests, Key: "denied_admin_query", Labels: []string{"属于行政查询事项"}, Cols: both(requestCols)},
	{Section: SectionRequests, Key: "unable_not_held", Labels: []string{"本机关不掌握相关政府信息"}, Cols: both(requestCols)},
	{Section: SectionRequests, Key: "unable_needs_creation", Labels: []string{"没有现成信息需要另行制作"}, Cols: both(requestCols)},
	{Section: SectionRequests, Key: "unable_unclear", Labels: []string{"补正后申请内容仍不明确"}, Cols: both(requestCols)},
	{Section: SectionRequests, Key: "not_processed_complaint", Labels: []string{"信访举报投诉类申请"}, Cols: both(requestCols)},
	{Section: SectionRequests, Key: "not_processed_duplicate", Labels: []string{"重复申请"}, Cols: both(requestCols)},
	{Section: SectionRequests, Key: "not_processed_publication", Labels: []string{"要求提供公开出版物"}, Cols: both(requestCols)},
	{Section: SectionRequests, Key: "not_processed_excessive", Labels: []string{"无正当理由大量反复申请"}, Cols: both(requestCols)},
	{Section: SectionRequests, Key: "not_processed_confirmation", Labels: []string{"要求行政机关确认或重新出具已获取信息"}, Cols: both(requestCols)},
	{Section: SectionRequests, Key: "other_overdue_correction", Labels: []string{"申请人无正当理由逾期不补正行政机关不再处理其政府信息公开申请", "申请人无正当理由逾期不补正"},
		Cols: map[string][]string{Template2021: requestCols}},
	{Section: SectionRequests, Key: "other_unpaid_fee", Labels: []string{"申请人逾期未按收费通知要求缴纳费用行政机关不再处理其政府信息公开申请", "申请人逾期未按收费通知要求缴纳费用"},
		Cols: map[string][]string{Template2021: requestCols}},
	// "其他处理" is 2019's row and 2021's group heading; "其他" is 2021's row
	// (and, before the rows start, the 其他 applicant column header).
	{Section: SectionRequests, Key: "other", Labels: []string{"其他处理", "其他"}, Cols: both(requestCols), Group: true},
	{Section: SectionRequests, Key: "handled_total", Labels: []string{"总计"}, Cols: both(requestCols)},
	{Section: SectionRequests, Key: "carried_forward", Labels: []string{"结转下年度继续办理"}, Cols: both(requestCols)},
}

// groupLabels head a block of rows and carry no values of their own.
var groupLabels = []string{
	"本年度办理结果", "不予公开", "无法提供", "不予处理", "其他处理",
	"第二十条第一项", "第二十条第五项", "第二十条第六项", "第二十条第八项", "第二十条第九项",
	"第二十条一项", "第二十条五项", "第二十条六项", "第二十条八项", "第二十条九项",
}

// headerWords tell the layouts apart: table 二's column headers differ
// between the 2019 and 2021 templates (NOTES.md: decide by header, not year).
// Truncated and typo forms seen in the wild are included.
var headerWords = map[string]string{
	"本年新制作数量": Template2019, "本年新公开数量": Template2019, "对外公开总数量": Template2019,
	"本年制作数量": Template2019, "对外公开总": Template2019, "上一年项目数量": Template2019,
	"本年增减": Template2019, "本年新": Template2019, "制作数量": Template2019, "公开数量": Template2019, "对外公开": Template2019, "本年增": Template2019, "采购项目数量": Template2019, "采购总金额": Template2019,
	"采购总金额元": Template2019, "采购总金额万元": Template2019, "采购总金额单位元": Template2019, "采购总金额单位万元": Template2019,
	"本年制发件数": Template2021, "本年发件": Template2021, "本年废止件数": Template2021,
	"现行有效件数": Template2021, "现行有效件": Template2021, "本年处理决定数量": Template2021,
	"本年收费金额单位万元": Template2021, "本年收费金额": Template2021,
}

// reviewHeaderWords open table 四, whose 15 values follow in one row.
var reviewHeaderWords = []string{"行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "未经复议直接起诉", "复议后起诉"}

// Labels of columns and rows in Chinese, for data dictionaries.
var colLabels = map[string]string{
	"issued": "本年制发件数", "repealed": "本年废止件数", "in_force": "现行有效件数",
	"made": "本年新制作数量", "published": "本年新公开数量", "total_published": "对外公开总数量",
	"prior_items": "上一年项目数量", "change": "本年增/减", "decisions": "处理决定数量",
	"amount_10k_yuan": "金额(万元)", "items": "采购项目数量",
	"natural_person": "自然人", "commercial": "商业企业", "research": "科研机构", "social_welfare": "社会公益组织",
	"legal_services": "法律服务机构", "other_org": "其他", "total": "总计",
	"upheld": "结果维持", "corrected": "结果纠正", "other": "其他结果", "pending": "尚未审结",
}

var reviewRowLabels = map[string]string{
	"reconsideration": "行政复议", "litigation_direct": "行政诉讼·未经复议直接起诉",
	"litigation_after_reconsideration": "行政诉讼·复议后起诉",
}

// Keys lists every canonical (section, row, col) with the row's and the
// column's Chinese labels, for the warehouse's data dictionary.
func Keys() []KeyLabel {
	var out []KeyLabel
	seen := map[string]bool{}
	for _, r := range Rows {
		for _, t := range []string{Template2021, Template2019} {
			for _, c := range r.Cols[t] {
				k := r.Section + "/" + r.Key + "/" + c
				if seen[k] {
					continue
				}
				seen[k] = true
				out = append(out, KeyLabel{Section: r.Section, Row: r.Key, Col: c, RowLabel: r.Labels[0], ColLabel: colLabels[c]})
			}
		}
	}
	for _, row := range reviewRows {
		for _, c := range reviewCols {
			out = append(out, KeyLabel{Section: SectionReview, Row: row, Col: c, RowLabel: reviewRowLabels[row], ColLabel: colLabels[c]})
		}
	}
	return out
}

// KeyLabel is one canonical key with its Chinese labels.
type KeyLabel struct {
	Section, Row, Col  string
	RowLabel, ColLabel string
}
