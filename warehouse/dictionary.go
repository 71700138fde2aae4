package warehouse

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// The data dictionary written beside every export: each column of each
// public table and view, and each canonical key with its Chinese labels.

// columnDocs describes columns by name; "object.column" overrides.
var columnDocs = map[string]string{
	"report_id":         "Identifier of one stored report version (one document)",
	"sha256":            "SHA-256 of the raw document bytes; the same bytes are never stored twice",
	"source_url":        "Where the document came from: its URL, or file:// path when loaded by hand",
	"jurisdiction":      "Jurisdiction as the parser read it from the report",
	"jurisdiction_code": "六位行政区划代码 of the report's division (a department, town or street gets its county's code); NULL when unknown or ambiguous (see report_warnings)",
	"jurisdiction_via":  "Which evidence decided jurisdiction_code: site, jurisdiction, agency, title or body",
	"agency":            "Publishing body as printed (e.g. 伊宁县人民政府办公室)",
	"agency_kind":       "government (the division's own government report), department, town, or unknown",
	"year":              "Statistics year the report covers; NULL when unknown",
	"template":          "National layout the tables follow: 2019 (国办公开办函〔2019〕60号) or 2021 (〔2021〕30号); NULL when no table was found",
	"title":             "Report title",
	"published":         "Publication date printed on the page, when found",
	"form":              "How the document arrived: html, text, docx …",
	"checks_failed":     "Number of accounting checks (勾稽关系) that do not hold in the printed numbers",
	"checks_run":        "Number of accounting checks the report's cells allowed",
	"values_found":      "Number of statistics cells found",
	"warnings":          "Number of parse, resolve and load warnings (see report_warnings)",
	"identity":          "Key shared by the versions of one report: code|agency|year; without a code, ?name@site|agency|year, so two places of the same name are never taken for versions of one report",
	"version":           "1 for the first document of an identity, 2 for the next …",
	"is_current":        "Whether this version is the one the views show",
	"superseded_by":     "report_id of the version that replaced this one",
	"batch_id":          "Load batch that wrote the row (see load_batches)",
	"loaded_at":         "When the row was written (UTC)",
	"section":           "Canonical section: proactive (表二), requests (表三), review (表四)",
	"row":               "Canonical row key (see keys.csv)",
	"col":               "Canonical column key (see keys.csv)",
	"value":             "The number as printed (万元 for money); NULL where the cell is blank, /, — or 无",
	"raw":               "The cell's printed text",
	"name":              "Name",
	"key":               "Row or column the check covers",
	"ok":                "Whether the check holds",
	"detail":            "The numbers compared when a check fails, e.g. 3+0 != 2+0",
	"seq":               "Order within the report",
	"heading":           "Heading of the prose section (一、总体情况 …)",
	"text":              "Text of the prose section",
	"stage":             "Which step warned: parse, resolve or load",
	"message":           "The warning",
	"code":              "六位行政区划代码",
	"level":             "province, prefecture or county",
	"parent_code":       "Code of the division one level up (a county directly under a province or municipality has the province)",
	"province_code":     "Code of the province",
	"province":          "Province name",
	"prefecture_code":   "Code of the prefecture-level division; NULL for provinces and counties directly under one",
	"prefecture":        "Prefecture-level division name",
	"full_name":         "Name qualified by province and prefecture",
	"statistical_only":  "统计用 functional zone (开发区, 管理区: county part 71-80), not a GB/T 2260 division",
	"started_at":        "When the load began (UTC)",
	"committed_at":      "When the load committed (UTC)",
	"documents":         "Documents handed to the load",
	"added":             "New report versions written",
	"unchanged":         "Documents already stored (same sha256), skipped",
	"superseded":        "Older versions this load made non-current",
	"reparsed":          "Stored documents whose parsed data this load replaced (reparse)",
	"program":           "Program that wrote the batch",
	"division":          "Name of the division jurisdiction_code names",
	"division_level":    "Level of that division: province, prefecture or county",

	"jurisdictions.name":             "Division name as in the national table",
	"report_checks.name":             "Check: requests_balance, requests_outcomes, requests_row_total, review_total",
	"report_checks.key":              "Row or column the check covers",
	"received":                       "一、本年新收政府信息公开申请数量 (总计)",
	"carried_over":                   "二、上年结转政府信息公开申请数量 (总计)",
	"granted":                        "三(一) 予以公开 (总计)",
	"partially_granted":              "三(二) 部分公开 (总计)",
	"denied":                         "三(三) 不予公开, sum of the 8 reasons as printed; NULL when all are blank",
	"unable_to_provide":              "三(四) 无法提供, sum of the 3 reasons as printed; NULL when all are blank",
	"not_processed":                  "三(五) 不予处理, sum of the 5 reasons as printed; NULL when all are blank",
	"other_outcome":                  "三(六) 其他处理 (2021: sum of its 3 rows), as printed; NULL when all are blank",
	"handled":                        "三(七) 总计, as printed (not recomputed)",
	"carried_forward":                "四、结转下年度继续办理 (总计)",
	"grant_rate":                     "granted / handled",
	"disclosure_rate":                "(granted + partially_granted) / handled",
	"reconsiderations":               "行政复议 总计",
	"reconsiderations_upheld":        "行政复议 结果维持",
	"reconsiderations_corrected":     "行政复议 结果纠正",
	"reconsiderations_other":         "行政复议 其他结果",
	"reconsiderations_pending":       "行政复议 尚未审结",
	"lawsuits":                       "行政诉讼 总计: 未经复议直接起诉 + 复议后起诉 (printed cells added)",
	"lawsuits_direct":                "行政诉讼 未经复议直接起诉 总计",
	"lawsuits_after_reconsideration": "行政诉讼 复议后起诉 总计",
	"lawsuits_upheld":                "行政诉讼 结果维持 (both kinds)",
	"lawsuits_corrected":             "行政诉讼 结果纠正 (both kinds)",
	"lawsuits_other":                 "行政诉讼 其他结果 (both kinds)",
	"lawsuits_pending":               "行政诉讼 尚未审结 (both kinds)",
	"fees_10k_yuan":                  "行政事业性收费 本年收费金额 (万元; 2021 template)",
	"licensing_decisions":            "行政许可 处理决定数量",
	"punishment_decisions":           "行政处罚 处理决定数量",
	"enforcement_decisions":          "行政强制 处理决定数量",
	"reports.checks_failed":          "Number of accounting checks (勾稽关系) that do not hold in the printed numbers",
}

// wideDocs describes every wide-view column by its key's labels.
func wideDocs() map[string]string {
	m := map[string]string{}
	for _, k := range Keys() {
		s, r, c := k.Labels()
		m[k.WideName()] = fmt.Sprintf("%s · %s · %s (%s/%s/%s)", s, r, c, k.Section, k.Row, k.Col)
	}
	return m
}

// describe returns the description of one column.
func describe(object, column string, wide map[string]string) string {
	if d, ok := columnDocs[object+"."+column]; ok {
		return d
	}
	if d, ok := columnDocs[column]; ok {
		return d
	}
	return wide[column]
}

// DictionaryRow is one column of one public object.
type DictionaryRow struct {
	Object, Kind, Column, Type, Description string
}

// Dictionary lists every column of every public table and view.
func (db *DB) Dictionary(ctx context.Context) ([]DictionaryRow, error) {
	rows, err := db.sql.QueryContext(ctx, `
		SELECT c.table_name, t.table_type, c.column_name, c.data_type
		FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
		WHERE c.table_schema = 'main'
		ORDER BY c.table_name, c.ordinal_position`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	public := map[string]int{}
	for i, o := range append(append([]string{}, Tables...), Views...) {
		public[o] = i + 1
	}
	wide := wideDocs()
	var out []DictionaryRow
	for rows.Next() {
		var r DictionaryRow
		if err := rows.Scan(&r.Object, &r.Kind, &r.Column, &r.Type); err != nil {
			return nil, err
		}
		if public[r.Object] == 0 {
			continue
		}
		r.Kind = map[string]string{"BASE TABLE": "table", "VIEW": "view"}[r.Kind]
		r.Description = describe(r.Object, r.Column, wide)
		out = append(out, r)
	}
	return out, rows.Err()
}

// writeDictionary writes dictionary.csv (columns) and keys.csv (canonical
// keys with their Chinese labels) beside the exported files.
func (db *DB) writeDictionary(ctx context.Context, opt ExportOptions) ([]string, error) {
	dict, err := db.Dictionary(ctx)
	if err != nil {
		return nil, err
	}
	var cols [][]string
	for _, r := range dict {
		cols = append(cols, []string{r.Object, r.Kind, r.Column, r.Type, r.Description})
	}
	var keys [][]string
	for _, k := range Keys() {
		s, r, c := k.Labels()
		keys = append(keys, []string{k.Section, k.Row, k.Col, s, r, c, strings.Join(k.Templates, " "), k.WideName()})
	}
	files := []string{filepath.Join(opt.Dir, "dictionary.csv"), filepath.Join(opt.Dir, "keys.csv")}
	if err := writeCSV(files[0], []string{"object", "kind", "column", "type", "description"}, cols, opt.Excel); err != nil {
		return nil, err
	}
	if err := writeCSV(files[1], []string{"section", "row", "col", "section_label", "row_label", "col_label", "templates", "wide_column"}, keys, opt.Excel); err != nil {
		return nil, err
	}
	return files, nil
}

func writeCSV(path string, header []string, rows [][]string, excel bool) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if excel {
		if _, err := f.WriteString(BOM); err != nil {
			f.Close()
			return err
		}
	}
	w := csv.NewWriter(f)
	w.UseCRLF = excel
	w.Write(header)
	w.WriteAll(rows)
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
