package warehouse_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"

	"disclosure/parse"
	"disclosure/warehouse"
	"disclosure/warehouse/fixture"
)

// corpusKinds is the hand-checked publisher of every corpus report: the
// real ones (testdata/corpus/reports) and the synthetic ones
// (testdata/corpus/synthetic/reports). 015, 051 and 053 name no publisher
// in any field the parser reads; their first lines do (我局, 全区).
var corpusKinds = map[string]string{
	"001_xiangyang_tjj_2022.txt":                    "department",
	"003_qu_tjj_2023_61-150-65-235.txt":             "department",
	"005_longtian_zhen_2021.txt":                    "town",
	"007_zhengyang_zhen_pingli_2021.txt":            "town",
	"009_gucheng_jyj_2020.txt":                      "department",
	"011_qianjinqu_jyj_jiamusi_2020.txt":            "department",
	"013_tinghu_yulong_jd_2024.txt":                 "town",
	"015_jianping_ybj_2023.txt":                     "department",
	"017_yunxian_2022.txt":                          "government",
	"019_songming_xzfb_2022.txt":                    "government",
	"021_tongzi_2022.txt":                           "government",
	"023_fugu_xzfb_2022.txt":                        "government",
	"025_songmutang_zhen_taojiang_2022.txt":         "town",
	"027_zhongcun_xiang_huichang_2020.txt":          "town",
	"029_ningqiang_zrzyj_2021.txt":                  "department",
	"031_xian-zrzyj_2023_mirror-trad-pinyin.txt":    "department",
	"033_chongqing-shi_2019.txt":                    "government",
	"035_zhenglanqi_2021.txt":                       "government",
	"037_dongfengqu_sfj_jiamusi_2022.txt":           "department",
	"039_pingtan_2019_archive-txt.txt":              "government",
	"041_pingtan_2020_archive-txt.txt":              "government",
	"042_pingtan_2022_archive-html-excerpt.txt":     "government",
	"045_xizang_sjt_2025.txt":                       "department",
	"047_xincai_2020.txt":                           "government",
	"049_hebao_zhen_rongchang_2020.txt":             "town",
	"051_dongcheng-qu_2023.txt":                     "government",
	"053_kazuo_wjj_2025.txt":                        "department",
	"055_zhangping_wjj_2023.txt":                    "department",
	"057_jinxian_scjgj_2022_mirror.txt":             "department",
	"059_xingqing-qu_2023.txt":                      "government",
	"seed_yining_2023.txt":                          "government",
	"s01_cut_row_pipe-rows_2021.txt":                "department",
	"s02_cut_row_flattened_2019.txt":                "town",
	"s03_cut_row_unterminated_pipe-cells_2019.txt":  "town",
	"s04_trailing_list_number_flattened_2019.txt":   "town",
	"s05_trailing_year_fragment_flattened_2019.txt": "department",
	"s06_label_qualifier_short_pipe-cells_2019.txt": "town",
	"s07_label_instruction_long_flattened_2019.txt": "town",
	"s08_units_in_cells_pipe-cells_2019.txt":        "department",
	"s09_cell_then_bar_2021.txt":                    "town",
	"s10_template_first_header_cut.txt":             "department",
	"s11_template_first_header_values.txt":          "department",
	"s12_glued_prose_both_ends.txt":                 "government",
	"s13_glued_prose_first_only.txt":                "government",
	"s14_several_numbers_one_cell_2021.txt":         "town",
}

// Every corpus report, loaded, gets the publisher kind a person reading it
// gives it.
func TestCorpusPublisherKinds(t *testing.T) {
	files, _ := filepath.Glob("../testdata/corpus/reports/*")
	synth, _ := filepath.Glob("../testdata/corpus/synthetic/reports/*")
	files = append(files, synth...)
	if len(files) < 40 {
		t.Fatalf("only %d corpus reports found", len(files))
	}
	var docs []warehouse.Document
	for _, f := range files {
		if _, ok := corpusKinds[filepath.Base(f)]; !ok {
			t.Errorf("%s: no expected kind; add it to corpusKinds", filepath.Base(f))
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		r, err := parse.Parse(b, parse.Options{Name: f})
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		sum := sha256.Sum256(b)
		docs = append(docs, warehouse.Document{Report: r, SHA256: hex.EncodeToString(sum[:]), SourceURL: "file:///" + filepath.Base(f)})
	}
	db := openTemp(t)
	if _, err := db.Load(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	rows, err := db.SQL().Query(`SELECT source_url, agency_kind FROM reports`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	seen := 0
	for rows.Next() {
		var src, kind string
		if err := rows.Scan(&src, &kind); err != nil {
			t.Fatal(err)
		}
		seen++
		name := filepath.Base(src)
		if want := corpusKinds[name]; kind != want {
			t.Errorf("%s: publisher kind %q, want %q", name, kind, want)
		}
	}
	if seen != len(docs) {
		t.Errorf("%d reports stored, %d loaded", seen, len(docs))
	}
}

// A database written under older publisher rules is reclassified when
// opened for writing.
func TestPublishersReclassifiedOnOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.duckdb")
	db, err := warehouse.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Load(context.Background(), fixture.Docs()); err != nil {
		t.Fatal(err)
	}
	want := count(t, db, `SELECT count(*) FROM reports WHERE agency_kind = 'government'`)
	if _, err := db.SQL().Exec(`UPDATE reports SET agency_kind = 'unknown'; DELETE FROM meta WHERE key = 'publisher_rules'`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = warehouse.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if n := count(t, db, `SELECT count(*) FROM reports WHERE agency_kind = 'unknown'`); n != 0 {
		t.Errorf("%d reports still of kind unknown", n)
	}
	if got := count(t, db, `SELECT count(*) FROM reports WHERE agency_kind = 'government'`); got != want || want == 0 {
		t.Errorf("%d government reports after reclassifying, %d before", got, want)
	}
}
