package crawler

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestDefaultSites(t *testing.T) {
	sites, err := DefaultSites()
	if err != nil {
		t.Fatal(err)
	}
	if len(sites) < 20 {
		t.Fatalf("only %d default sites", len(sites))
	}
	for _, s := range sites {
		for _, spam := range []string{"btfghg", "formadeganhardinheiro", "saintpaulhem", "github.com"} {
			if strings.Contains(s.URL, spam) {
				t.Errorf("line %d: spam/mirror host %s in the default registry", s.Line, s.URL)
			}
		}
	}
}

func TestReadSitesBadRows(t *testing.T) {
	in := "\xEF\xBB\xBFname,url,code,enabled,notes,extra\n" +
		"桐梓县,http://www.gztongzi.gov.cn/zwgk/zfxxgk/zfxxgknb/,520322,true,,x\n" +
		"# a comment\n" +
		"坏代码,http://a.gov.cn/,52032,,\n" +
		"无网址,,520322,,\n" +
		"ftp,ftp://a.gov.cn/,520322,,\n" +
		"重复,http://www.gztongzi.gov.cn/zwgk/zfxxgk/zfxxgknb/,520322,,\n" +
		"停用,http://b.gov.cn/,110101,否,暂停\n" +
		"坏开关,http://c.gov.cn/,110101,maybe,\n"
	sites, err := ReadSites(strings.NewReader(in))
	if err == nil {
		t.Fatal("no error for bad rows")
	}
	for _, want := range []string{"line 4:", "line 5:", "line 6:", "line 7: url http://www.gztongzi.gov.cn/zwgk/zfxxgk/zfxxgknb/ already registered on line 2", "line 9:"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	if len(sites) != 2 || sites[0].Code != "520322" || !sites[0].Enabled || sites[1].Enabled || sites[1].Notes != "暂停" {
		t.Errorf("good rows: %+v", sites)
	}
}

func TestReadSitesGBKAndHeader(t *testing.T) {
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String("code,name,url\n110101,东城区,https://www.bjdch.gov.cn/zfxxgkzl/zfxxgknb/\n")
	sites, err := ReadSites(strings.NewReader(gbk))
	if err != nil || len(sites) != 1 || sites[0].Name != "东城区" {
		t.Fatalf("GBK file: %+v, %v", sites, err)
	}
	if _, err := ReadSites(strings.NewReader("name,link\nx,http://a/\n")); err == nil || !strings.Contains(err.Error(), `lacks column "code"`) {
		t.Errorf("bad header: %v", err)
	}
	if _, err := ReadSites(strings.NewReader("")); err == nil {
		t.Error("empty file accepted")
	}
}

// TestReadSitesUnknownDivision: a code of the right form that names no
// division is read, with a warning; good codes carry none.
func TestReadSitesUnknownDivision(t *testing.T) {
	in := "code,name,url\n999999,无此县,http://a.gov.cn/nb/\n520322,桐梓县,http://b.gov.cn/nb/\n"
	sites, err := ReadSites(strings.NewReader(in))
	if err != nil || len(sites) != 2 {
		t.Fatalf("ReadSites: %d sites, %v", len(sites), err)
	}
	if w := sites[0].Warning; !strings.Contains(w, "line 2") || !strings.Contains(w, "999999") {
		t.Errorf("999999: warning %q", w)
	}
	if sites[1].Warning != "" {
		t.Errorf("520322: warning %q", sites[1].Warning)
	}
	all, err := DefaultSites()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range all {
		if s.Warning != "" {
			t.Errorf("built-in registry: %s", s.Warning)
		}
	}
}
