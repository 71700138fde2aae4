package parse

import "testing"

// Years and dates in Chinese numerals, as official documents print them,
// are read as the same years in digits; the title keeps its printed form.
func TestIdentityChineseNumeralYears(t *testing.T) {
	for _, tc := range []struct {
		name, text, title string
		year              int
	}{
		{"title with 〇", "某县人民政府二〇二三年政府信息公开工作年度报告", "某县人民政府二〇二三年政府信息公开工作年度报告", 2023},
		{"title with ○ and 年度", "某县统计局二○二二年度政府信息公开工作年度报告", "某县统计局二○二二年度政府信息公开工作年度报告", 2022},
		{"title with a Latin O", "某县统计局二O二一年政府信息公开工作年度报告", "某县统计局二O二一年政府信息公开工作年度报告", 2021},
		{"statistics period", "本报告统计期限自二〇二三年一月一日起至二〇二三年十二月三十一日止。", "", 2023},
		{"sentences opening with a year", "二〇二二年，我局认真履行法定义务。\n二〇二二年，我局通过网站发布信息5条。", "", 2022},
		{"the period outvotes next year's plans", "统计期限自二〇二二年一月一日起至二〇二二年十二月三十一日止。\n二〇二三年，我局将继续加强。\n二〇二三年，我局将完善制度。", "", 2022},
		{"five numerals are no year", "某县一二〇二三年政府信息公开工作年度报告", "", 0},
		{"digits alone stay as they are", "某县2023年政府信息公开工作年度报告", "某县2023年政府信息公开工作年度报告", 2023},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id := identityOf(tc.text)
			if id.year != tc.year || id.title != tc.title {
				t.Errorf("year %d, title %q; want %d, %q (warnings %q)", id.year, id.title, tc.year, tc.title, id.warnings)
			}
		})
	}
}

func TestIdentityChineseNumeralPublished(t *testing.T) {
	id := identityOf("某县人民政府二〇二三年政府信息公开工作年度报告\n发布时间：二〇二四年一月二十六日")
	if id.published != "2024-01-26" {
		t.Errorf("published %q, want 2024-01-26", id.published)
	}
}

func TestHanDates(t *testing.T) {
	for in, want := range map[string]string{
		"二〇二四年一月二十六日":    "2024年1月26日",
		"自二〇二三年十二月三十一日止": "自2023年12月31日止",
		"二〇二三年十三月":       "2023年十三月", // no month 13
		"二〇二三年度":         "2023年度",
		"一九九九年":          "1999年",
		"三千年":            "三千年",
		"二0二三 年":         "2023年",
	} {
		got, _ := hanDatesIn(makeLine(in))
		if got != want {
			t.Errorf("%s → %s, want %s", in, got, want)
		}
	}
}
