package warehouse

// The canonical keys of CONTRACT.md with their Chinese labels, for the data
// dictionary and the wide views. parse has its own matching table (with the
// label variants seen in the wild); this one only names what researchers see.

// Key is one canonical statistic.
type Key struct {
	Section, Row, Col string
	// Templates lists the layouts that print this cell: "2019", "2021" or both.
	Templates []string
}

// label pairs a key part with its Chinese label and a short name used in
// wide-view column names (kept ≤ 32 characters so Stata accepts them).
type label struct {
	key, zh, short string
}

var sectionLabels = []label{
	{"proactive", "二、主动公开政府信息情况", "pro"},
	{"requests", "三、收到和处理政府信息公开申请情况", "req"},
	{"review", "四、政府信息公开行政复议、行政诉讼情况", "rev"},
}

var proactiveRows = []label{
	{"regulations", "规章", "regulations"},
	{"normative_documents", "行政规范性文件 / 规范性文件", "normative"},
	{"licensing", "行政许可", "licensing"},
	{"other_services", "其他对外管理服务事项", "other_services"},
	{"punishment", "行政处罚", "punishment"},
	{"enforcement", "行政强制", "enforcement"},
	{"fees", "行政事业性收费", "fees"},
	{"procurement", "政府集中采购", "procurement"},
}

var proactiveCols = []label{
	{"issued", "本年制发件数", "issued"},
	{"repealed", "本年废止件数", "repealed"},
	{"in_force", "现行有效件数", "in_force"},
	{"made", "本年新制作数量", "made"},
	{"published", "本年新公开数量", "published"},
	{"total_published", "对外公开总数量", "total_published"},
	{"decisions", "处理决定数量", "decisions"},
	{"prior_items", "上一年项目数量", "prior_items"},
	{"change", "本年增/减", "change"},
	{"amount_10k_yuan", "金额(单位:万元)", "amount_10k_yuan"},
	{"items", "采购项目数量", "items"},
}

var requestRows = []label{
	{"new", "一、本年新收政府信息公开申请数量", "new"},
	{"carried_over", "二、上年结转政府信息公开申请数量", "carried_over"},
	{"granted", "三(一) 予以公开", "granted"},
	{"partially_granted", "三(二) 部分公开", "partially_granted"},
	{"denied_state_secret", "三(三)1 属于国家秘密", "denied_state_secret"},
	{"denied_prohibited_by_law", "三(三)2 其他法律行政法规禁止公开", "denied_prohibited_by_law"},
	{"denied_security_stability", "三(三)3 危及“三安全一稳定”", "denied_security_stability"},
	{"denied_third_party", "三(三)4 保护第三方合法权益", "denied_third_party"},
	{"denied_internal_affairs", "三(三)5 属于三类内部事务信息", "denied_internal_affairs"},
	{"denied_process_info", "三(三)6 属于四类过程性信息", "denied_process_info"},
	{"denied_enforcement_file", "三(三)7 属于行政执法案卷", "denied_enforcement_file"},
	{"denied_admin_query", "三(三)8 属于行政查询事项", "denied_admin_query"},
	{"unable_not_held", "三(四)1 本机关不掌握相关政府信息", "unable_not_held"},
	{"unable_needs_creation", "三(四)2 没有现成信息需要另行制作", "unable_needs_creation"},
	{"unable_unclear", "三(四)3 补正后申请内容仍不明确", "unable_unclear"},
	{"not_processed_complaint", "三(五)1 信访举报投诉类申请", "np_complaint"},
	{"not_processed_duplicate", "三(五)2 重复申请", "np_duplicate"},
	{"not_processed_publication", "三(五)3 要求提供公开出版物", "np_publication"},
	{"not_processed_excessive", "三(五)4 无正当理由大量反复申请", "np_excessive"},
	{"not_processed_confirmation", "三(五)5 要求行政机关确认或重新出具已获取信息", "np_confirmation"},
	{"other_overdue_correction", "三(六)1 申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "other_overdue_correction"},
	{"other_unpaid_fee", "三(六)2 申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "other_unpaid_fee"},
	{"other", "三(六)3 其他 (2021); 三(六) 其他处理 (2019)", "other"},
	{"handled_total", "三(七) 总计", "handled_total"},
	{"carried_forward", "四、结转下年度继续办理", "carried_forward"},
}

var requestCols = []label{
	{"natural_person", "自然人", "np"},
	{"commercial", "法人或其他组织·商业企业", "com"},
	{"research", "法人或其他组织·科研机构", "res"},
	{"social_welfare", "法人或其他组织·社会公益组织", "soc"},
	{"legal_services", "法人或其他组织·法律服务机构", "legal"},
	{"other_org", "法人或其他组织·其他", "oth"},
	{"total", "总计", "total"},
}

var reviewRows = []label{
	{"reconsideration", "行政复议", "recon"},
	{"litigation_direct", "行政诉讼·未经复议直接起诉", "lit_direct"},
	{"litigation_after_reconsideration", "行政诉讼·复议后起诉", "lit_after_recon"},
}

var reviewCols = []label{
	{"upheld", "结果维持", "upheld"},
	{"corrected", "结果纠正", "corrected"},
	{"other", "其他结果", "other"},
	{"pending", "尚未审结", "pending"},
	{"total", "总计", "total"},
}

// proactiveLayout says which cols each proactive row has in each template.
var proactiveLayout = []struct {
	row      string
	cols2021 []string
	cols2019 []string
}{
	{"regulations", []string{"issued", "repealed", "in_force"}, []string{"made", "published", "total_published"}},
	{"normative_documents", []string{"issued", "repealed", "in_force"}, []string{"made", "published", "total_published"}},
	{"licensing", []string{"decisions"}, []string{"prior_items", "change", "decisions"}},
	{"other_services", nil, []string{"prior_items", "change", "decisions"}},
	{"punishment", []string{"decisions"}, []string{"prior_items", "change", "decisions"}},
	{"enforcement", []string{"decisions"}, []string{"prior_items", "change", "decisions"}},
	{"fees", []string{"amount_10k_yuan"}, []string{"prior_items", "change"}},
	{"procurement", nil, []string{"items", "amount_10k_yuan"}},
}

// Keys returns every canonical key in template order: proactive, requests, review.
func Keys() []Key {
	var ks []Key
	for _, p := range proactiveLayout {
		in := map[string][]string{}
		for _, c := range p.cols2021 {
			in[c] = append(in[c], "2021")
		}
		for _, c := range p.cols2019 {
			in[c] = append(in[c], "2019")
		}
		for _, c := range proactiveCols {
			if t, ok := in[c.key]; ok {
				ks = append(ks, Key{"proactive", p.row, c.key, t})
			}
		}
	}
	both := []string{"2019", "2021"}
	for _, r := range requestRows {
		t := both
		switch r.key {
		case "other_overdue_correction", "other_unpaid_fee":
			t = []string{"2021"}
		}
		for _, c := range requestCols {
			ks = append(ks, Key{"requests", r.key, c.key, t})
		}
	}
	for _, r := range reviewRows {
		for _, c := range reviewCols {
			ks = append(ks, Key{"review", r.key, c.key, both})
		}
	}
	return ks
}

func find(ls []label, key string) label {
	for _, l := range ls {
		if l.key == key {
			return l
		}
	}
	return label{key: key, zh: key, short: key}
}

func rowsOf(section string) []label {
	switch section {
	case "proactive":
		return proactiveRows
	case "requests":
		return requestRows
	}
	return reviewRows
}

func colsOf(section string) []label {
	switch section {
	case "proactive":
		return proactiveCols
	case "requests":
		return requestCols
	}
	return reviewCols
}

// Labels returns the Chinese labels of the key's section, row and col.
func (k Key) Labels() (section, row, col string) {
	return find(sectionLabels, k.Section).zh, find(rowsOf(k.Section), k.Row).zh, find(colsOf(k.Section), k.Col).zh
}

// WideName is the key's column name in the per-section wide views.
func (k Key) WideName() string {
	return find(rowsOf(k.Section), k.Row).short + "_" + find(colsOf(k.Section), k.Col).short
}
