package warehouse

// Chinese labels and one-line descriptions for the codebook: every public
// table and view, every column (by name, "object.column" overriding), and
// English names of the canonical keys' parts. The English descriptions of
// columns are columnDocs, kept beside each table family's DDL.

// objectDocs describes each public table and view: Chinese label, English.
var objectDocs = map[string][2]string{
	"reports":           {"年度报告(每个文档版本一行)", "One row per parsed report version (one document): identity, division, publisher, checks"},
	"report_values":     {"报告统计数值", "Every statistic of every report version under its canonical key (section, row, col), as printed"},
	"report_checks":     {"勾稽关系校验", "Each accounting check (勾稽关系) a report's cells allow, and whether it holds"},
	"report_prose":      {"报告正文段落", "The report's text sections (一、总体情况 …)"},
	"report_warnings":   {"解析与定位警告", "What the parser, the place resolver and the loader warned about each report"},
	"jurisdictions":     {"行政区划", "Every province, prefecture and county-level division (国家统计局 统计用区划代码)"},
	"load_batches":      {"入库批次", "Each load: when, which build, how many documents added, unchanged, superseded"},
	"url_state":         {"抓取网址状态", "The crawler's memory of each URL between crawls"},
	"fetch_log":         {"抓取请求日志", "Every HTTP request the crawler made"},
	"runs":              {"夜间运行记录", "Each `disclosure run` or scheduled pass: status, which build, counts, alerts"},
	"run_sites":         {"每次运行的站点统计", "Per site of a run: reports listed, fetched, new, loaded, failures"},
	"run_documents":     {"每次运行解析的文档", "What each document a run parsed turned out to be"},
	"run_alerts":        {"运行告警", "The alerts a run raised"},
	"report_similarity": {"报告文本相似度", "A current report and the same publisher's report of the year before: how alike their prose is"},
	"value_positions":   {"PDF数值位置", "Where each value of a PDF report was printed: page and box in PDF points (none for HTML, text or Word)"},
	"corrections":       {"人工更正", "Researchers' corrections of cells: who, when, why, the value replaced"},
	"current_reports":   {"现行报告", "The current version of each report, with division names"},
	"current_values":    {"现行报告数值", "Every value of the current reports, corrections applied and flagged; counts and money apart"},
	"proactive_wide":    {"表二 主动公开(宽表)", "One row per current report, one column per cell of table 二"},
	"requests_wide":     {"表三 依申请公开(宽表)", "One row per current report, one column per cell of table 三"},
	"review_wide":       {"表四 复议诉讼(宽表)", "One row per current report, one column per cell of table 四"},
	"requests_summary":  {"依申请公开汇总", "One row per current report: applications, outcomes, rates, reviews, lawsuits — where to start"},
	"report_sources":    {"报告来源网址状态", "Each current report's source URL as the crawler last saw it (gone, changed)"},
	"cross_year_checks": {"跨年度勾稽校验", "Checks between a publisher's reports of consecutive years (结转, 现行有效)"},
}

// zhLabels are Chinese labels of columns by name; "object.column" overrides.
var zhLabels = map[string]string{
	"report_id": "报告编号", "sha256": "文档SHA-256", "source_url": "来源网址", "jurisdiction": "报告所载地区",
	"jurisdiction_code": "行政区划代码", "jurisdiction_via": "区划判定依据", "agency": "发布机关", "agency_kind": "发布机关类型",
	"year": "年度", "template": "模板版本", "title": "标题", "published": "发布日期", "form": "文档格式",
	"checks_failed": "未通过校验数", "checks_run": "校验数", "values_found": "数值个数", "warnings": "警告数",
	"identity": "版本归并键", "version": "版本号", "is_current": "是否现行版本", "superseded_by": "被替代为",
	"batch_id": "批次编号", "loaded_at": "入库时间", "section": "表", "row": "行", "col": "列", "value": "数值",
	"raw": "原文", "name": "名称", "key": "校验对象", "ok": "是否通过", "detail": "详情", "seq": "序号",
	"heading": "段落标题", "text": "段落正文", "stage": "阶段", "message": "警告内容", "code": "行政区划代码",
	"level": "层级", "parent_code": "上级代码", "province_code": "省级代码", "province": "省份",
	"prefecture_code": "地级代码", "prefecture": "地级行政区", "full_name": "全称", "statistical_only": "统计用功能区",
	"started_at": "开始时间", "committed_at": "提交时间", "documents": "文档数", "added": "新增版本数",
	"unchanged": "未变化数", "superseded": "被替代数", "reparsed": "重新解析数", "program": "程序",
	"division": "行政区划名称", "division_level": "行政区划层级",
	"received": "本年新收申请数", "carried_over": "上年结转申请数", "granted": "予以公开", "partially_granted": "部分公开",
	"denied": "不予公开", "unable_to_provide": "无法提供", "not_processed": "不予处理", "other_outcome": "其他处理",
	"handled": "办理总计", "carried_forward": "结转下年度继续办理", "grant_rate": "予以公开率", "disclosure_rate": "公开率(含部分公开)",
	"reconsiderations": "行政复议总计", "reconsiderations_upheld": "行政复议结果维持", "reconsiderations_corrected": "行政复议结果纠正",
	"reconsiderations_other": "行政复议其他结果", "reconsiderations_pending": "行政复议尚未审结",
	"lawsuits": "行政诉讼总计", "lawsuits_direct": "未经复议直接起诉", "lawsuits_after_reconsideration": "复议后起诉",
	"lawsuits_upheld": "行政诉讼结果维持", "lawsuits_corrected": "行政诉讼结果纠正", "lawsuits_other": "行政诉讼其他结果",
	"lawsuits_pending": "行政诉讼尚未审结", "fees_10k_yuan": "行政事业性收费金额(万元)",
	"licensing_decisions": "行政许可处理决定数", "punishment_decisions": "行政处罚处理决定数", "enforcement_decisions": "行政强制处理决定数",
	"corrections": "人工更正数", "corrected": "是否人工更正", "count": "数量", "amount_10k_yuan": "金额(万元)",
	"correction_id": "更正编号", "replaced_value": "被更正的数值", "replaced_raw": "被更正的原文", "note": "更正理由",
	"corrected_by": "更正人", "corrected_at": "更正时间", "parsed_value": "解析所得数值",
	"url": "网址", "site": "站点", "site_code": "站点区划代码", "kind": "类别", "etag": "ETag", "last_modified": "Last-Modified",
	"content_type": "内容类型", "first_seen": "首次发现时间", "last_changed": "最近变化时间", "last_fetched": "最近抓取时间",
	"last_status": "最近HTTP状态", "last_error": "最近错误", "gone": "已下线", "gone_since": "下线时间", "gone_reason": "下线原因",
	"fetched_at": "请求时间", "final_url": "最终网址", "referrer": "来源页面", "link_text": "链接文字", "status": "状态",
	"sniffed": "内容识别", "headers": "响应头", "bytes": "字节数", "raw_path": "原始文件路径", "changed": "内容已变化",
	"not_modified": "未修改(304)", "attempt": "尝试次数", "retrying": "将重试", "duration_ms": "耗时(毫秒)", "error": "错误",
	"crawled": "是否抓取跟踪", "source_changed": "来源内容已变化",
	"run_id": "运行编号", "trigger": "触发方式", "finished_at": "结束时间", "host": "主机", "pid": "进程号",
	"sites": "站点数", "sites_failed": "失败站点数", "discovered": "发现数", "fetched": "下载数", "new": "新文档数",
	"failed": "失败请求数", "parse_failures": "解析失败数", "loaded": "入库数", "alerts": "告警数",
	"site_url": "站点网址", "site_name": "站点名称", "duration_s": "耗时(秒)", "outcome": "处理结果",
	"alert": "告警类型", "place": "地区", "previous_id": "上年报告编号", "jaccard": "相似度(Jaccard)",
	"shingles": "文本片段数", "computed_at": "计算时间",
	"platform": "网站平台", "blocked_kind": "拦截类型", "blocked_status": "拦截页HTTP状态", "blocked_marker": "拦截特征",
	"blocked_url": "被拦截的网址", "site_id": "网站标识码", "site_id_owner": "标识码所属", "notes": "抓取说明",
	"load_batches.version": "程序版本", "runs.version": "程序版本", "reports.version": "版本号",
	"jurisdictions.name": "行政区划名称", "report_checks.name": "校验名称",
	"reason": "原因", "via": "发现途径", "seen_at": "最近发现时间", "read_at": "读取成功时间",
}

// English names of the canonical keys' parts, for the codebook's key rows.
var (
	sectionEN = map[string]string{
		"proactive": "Table 2, proactive disclosure",
		"requests":  "Table 3, applications received and handled",
		"review":    "Table 4, administrative reconsideration and litigation",
	}
	rowEN = map[string]string{
		"regulations": "regulations (规章)", "normative_documents": "normative documents", "licensing": "administrative licensing",
		"other_services": "other external management services", "punishment": "administrative punishment",
		"enforcement": "administrative enforcement", "fees": "administrative fees", "procurement": "government procurement",
		"new": "applications received this year", "carried_over": "applications carried over from last year",
		"granted": "granted in full", "partially_granted": "granted in part",
		"denied_state_secret": "denied: state secret", "denied_prohibited_by_law": "denied: prohibited by other law",
		"denied_security_stability": "denied: endangers security or stability", "denied_third_party": "denied: third-party rights",
		"denied_internal_affairs": "denied: internal affairs", "denied_process_info": "denied: process information",
		"denied_enforcement_file": "denied: enforcement case file", "denied_admin_query": "denied: administrative query matter",
		"unable_not_held": "unable: information not held", "unable_needs_creation": "unable: would need to be created",
		"unable_unclear": "unable: request still unclear", "not_processed_complaint": "not processed: petition or complaint",
		"not_processed_duplicate": "not processed: duplicate", "not_processed_publication": "not processed: asks for a publication",
		"not_processed_excessive":    "not processed: excessive repeated requests",
		"not_processed_confirmation": "not processed: asks to confirm or reissue held information",
		"other_overdue_correction":   "other: applicant did not amend in time", "other_unpaid_fee": "other: fee not paid in time",
		"other": "other handling", "handled_total": "total handled", "carried_forward": "carried forward to next year",
		"reconsideration": "administrative reconsideration", "litigation_direct": "lawsuits filed directly",
		"litigation_after_reconsideration": "lawsuits filed after reconsideration",
	}
	colEN = map[string]string{
		"issued": "issued this year", "repealed": "repealed this year", "in_force": "in force",
		"made": "made this year", "published": "published this year", "total_published": "published in total",
		"decisions": "decisions", "prior_items": "items last year", "change": "change this year",
		"amount_10k_yuan": "amount (10,000 yuan)", "items": "items",
		"natural_person": "natural persons", "commercial": "businesses", "research": "research institutions",
		"social_welfare": "public-interest organisations", "legal_services": "legal service providers",
		"other_org": "other organisations", "total": "total",
		"upheld": "upheld", "corrected": "corrected", "other": "other result", "pending": "pending",
	}
)
