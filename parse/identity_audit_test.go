package parse

import "testing"

// The identity of a report on a county's web page, where the crawler's
// text keeps the page's furniture: a sidebar or 相关文章 list of other
// reports' titles, a news list, a clock, 来源: lines. Each case is one the
// identity once got wrong (audit C); the right answer is the report's own
// value, or nothing.

// TestIdentitySidebarList: a list of other reports' titles (other years,
// other bodies) is neither the title nor the year nor the body.
func TestIdentitySidebarList(t *testing.T) {
	const body2020 = "一、总体情况\n县教育局严格按照《政府信息公开条例》要求开展信息公开工作。截止2020年12月31日,我局主动公开的信息15条。"
	const seedBody = "一、总体情况\n2023年,伊宁县人民政府以习近平新时代中国特色社会主义思想为指导,做好政府信息公开工作。"
	for _, tc := range []struct {
		name, text, title, jurisdiction string
		year                            int
	}{
		{"list above the title: its last item is the report's own (r1)",
			"相关文章\n故城县教育局2021年政府信息公开工作年度报告\n故城县教育局2020年政府信息公开工作年度报告\n" + body2020,
			"故城县教育局2020年政府信息公开工作年度报告", "故城县教育局", 2020},
		{"list above the title, title under it",
			"相关链接\n伊宁县2021年政府信息公开工作年度报告\n伊宁县2022年政府信息公开工作年度报告\n伊宁县政府信息公开工作2023年度报告\n2024-01-26   伊宁县人民政府办公室\n" + seedBody,
			"伊宁县政府信息公开工作2023年度报告", "伊宁县人民政府", 2023},
		{"one link under a list's heading after the body (r1b)",
			"一、总体情况\n2022年,区司法局严格落实政府信息公开工作要求。\n相关链接\n东风区司法局2023年政府信息公开工作年度报告",
			"", "区司法局", 2022},
		{"a list's last item above a body of another year is another report",
			"相关文章\n东风区司法局2023年政府信息公开工作年度报告\n东风区司法局2021年政府信息公开工作年度报告\n东风区司法局2020年政府信息公开工作年度报告\n一、总体情况\n2022年,区司法局严格落实政府信息公开工作要求。\n2022年,我局通过区政府网站发布信息5条。",
			"", "区司法局", 2022},
		{"list of other bodies above the title (r2)",
			"相关文章\n伊宁县教育局2023年政府信息公开工作年度报告\n伊宁县人民政府2023年政府信息公开工作年度报告\n" + seedBody,
			"伊宁县人民政府2023年政府信息公开工作年度报告", "伊宁县人民政府", 2023},
		{"another body's report under a heading above the title",
			"相关文章\n伊宁县人民政府2023年政府信息公开工作年度报告\n墩麻扎镇2023年政府信息公开工作年度报告\n一、总体情况\n2023年,墩麻扎镇人民政府以习近平新时代中国特色社会主义思想为指导,做好政府信息公开工作。",
			"墩麻扎镇2023年政府信息公开工作年度报告", "墩麻扎镇人民政府", 2023},
		{"split title, another body's report listed after (r11)",
			"故城县教育局\n2020年政府信息公开工作年度报告\n" + body2020 + "\n相关文章\n故城县财政局2020年政府信息公开工作年度报告",
			"故城县教育局2020年政府信息公开工作年度报告", "故城县教育局", 2020},
		{"one link under a list's heading, a body that names another kind of body",
			"相关文章\n某市财政局2023年政府信息公开工作年度报告\n根据《中华人民共和国政府信息公开条例》规定,现公布区统计局2023年政府信息公开工作年度报告。\n一、总体情况\n2023年,我局主动公开政府信息50条。",
			"区统计局2023年政府信息公开工作年度报告", "区统计局", 2023},
		{"a list's last item followed by a sentence that opens with the year",
			"相关文章\n某县2020年政府信息公开工作年度报告\n某县2021年政府信息公开工作年度报告\n2021年，某县深入贯彻落实《条例》，做好政府信息公开工作。",
			"某县2021年政府信息公开工作年度报告", "某县", 2021},
		{"the page's <title> and its heading name one report: no list",
			"伊宁县政府信息公开工作2023年度报告\n伊宁县政府信息公开工作2023年度报告\n" + seedBody,
			"伊宁县政府信息公开工作2023年度报告", "伊宁县人民政府", 2023},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id := identityOf(tc.text)
			if id.title != tc.title || id.jurisdiction != tc.jurisdiction || id.year != tc.year {
				t.Errorf("got title %q, jurisdiction %q, year %d; want %q, %q, %d", id.title, id.jurisdiction, id.year, tc.title, tc.jurisdiction, tc.year)
			}
		})
	}
}

// TestIdentityPublishedChrome: only the report's own labelled date, or a
// bare date under its title, is its publication date.
func TestIdentityPublishedChrome(t *testing.T) {
	const title = "伊宁县政府信息公开工作2023年度报告\n"
	const body = "一、总体情况\n2023年,伊宁县人民政府以习近平新时代中国特色社会主义思想为指导,做好政府信息公开工作。"
	for _, tc := range []struct {
		name, text, published string
	}{
		{"a news list's date (r4)", "最新动态\n县长主持召开常务会议\n2024-03-04\n" + title + body, ""},
		{"a news list's dated items", "最新动态\n县长主持召开常务会议\n2024-03-04\n伊宁县召开安全生产会议\n2024-03-02\n" + title + body, ""},
		{"a bare date under the title", title + "2024-01-26\n" + body, "2024-01-26"},
		{"a clock (r5)", "当前时间：2024-03-05 10:20:11 星期二\n" + title + body, ""},
		{"统计截止时间 (r6)", title + "本报告所列数据统计截止时间：2023年12月31日。\n" + body, ""},
		{"截止日期", title + "数据统计截止日期:2023年12月31日。\n" + body, ""},
		{"培训时间 in the body (r6)", title + body + "\n举办培训1次,培训时间:2023年6月15日。", ""},
		{"最后更新时间", title + body + "\n最后更新时间：2024-03-05 10:20", ""},
		{"公布时间 is the publication's", title + "公布时间:2024-01-26\n" + body, "2024-01-26"},
		{"时间 after a space", title + "浏览次数:12 时间:2024-01-26\n" + body, "2024-01-26"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := identityOf(tc.text).published; got != tc.published {
				t.Errorf("published %q, want %q", got, tc.published)
			}
		})
	}
}

// TestIdentityAgencyLabels: the agency comes from a metadata label, and
// names a body.
func TestIdentityAgencyLabels(t *testing.T) {
	const title = "伊宁县政府信息公开工作2023年度报告\n"
	const body = "一、总体情况\n2023年,伊宁县人民政府以习近平新时代中国特色社会主义思想为指导,做好政府信息公开工作。"
	for _, tc := range []struct {
		name, text, agency string
	}{
		{"来自 in a sentence (r3)", title + body + "本年度依申请公开0件,以往申请主要来自自然人。", ""},
		{"数据来源 in parentheses", title + body + "\n(数据来源:伊宁县统计局)修订完善了制度。", ""},
		{"来源: the site's own (r3b)", title + "来源：本站原创 作者：张三\n" + body, ""},
		{"新闻来源: a news agency", "新闻来源：新华社\n" + title + body, ""},
		{"来源: a news agency", title + "来源：新华社\n" + body, ""},
		{"a news headline beside a date", "2024-03-04 县长主持召开常务会议\n" + title + body, ""},
		{"来源: an office", title + "时间：2024-01-26 10:21:33 来源：伊宁县人民政府办公室 【字体：大 中 小】\n" + body, "伊宁县人民政府办公室"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := identityOf(tc.text).agency; got != tc.agency {
				t.Errorf("agency %q, want %q", got, tc.agency)
			}
		})
	}
}
