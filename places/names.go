package places

import (
	"strings"
	"unicode/utf8"
)

// Name variants of divisions, so that 伊宁, 伊宁县 and 伊宁县人民政府 all find
// 伊宁县, and 喀喇沁左翼蒙古族自治县 is also found as 喀喇沁左翼.

// ethnicNames are the 55 minorities' names as they appear inside autonomous
// division names, with and without 族 (伊犁哈萨克自治州, 昌吉回族自治州).
var ethnicNames = strings.Fields(`蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎
	傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌
	普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各`)

// divisionSuffixes are stripped (longest first) to get a short name.
var divisionSuffixes = []string{"特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "特区", "省", "市", "县", "区", "旗", "盟"}

// agencySuffixes are stripped from a jurisdiction field before exact matching:
// 伊宁县人民政府办公室 → 伊宁县.
var agencySuffixes = []string{"人民政府办公室", "人民政府办公厅", "政府办公室", "人民政府", "行政公署", "政府办", "政府", "办公室"}

// shortName strips the division-type suffix and any ethnic words before it:
// 喀喇沁左翼蒙古族自治县 → 喀喇沁左翼, 新疆维吾尔自治区 → 新疆, 伊宁县 → 伊宁.
// It returns "" when what is left is shorter than two characters (云县 → 云).
func shortName(name string) string {
	s := name
	for _, suf := range divisionSuffixes {
		if strings.HasSuffix(s, suf) {
			s = strings.TrimSuffix(s, suf)
			break
		}
	}
	if s == name {
		return ""
	}
	if strings.HasSuffix(name, "自治区") || strings.HasSuffix(name, "自治州") || strings.HasSuffix(name, "自治县") || strings.HasSuffix(name, "自治旗") {
		for changed := true; changed; {
			changed = false
			for _, e := range ethnicNames {
				for _, w := range []string{e + "族", e} {
					if strings.HasSuffix(s, w) && utf8.RuneCountInString(s)-utf8.RuneCountInString(w) >= 2 {
						s = strings.TrimSuffix(s, w)
						changed = true
					}
				}
			}
		}
	}
	if utf8.RuneCountInString(s) < 2 {
		return ""
	}
	return s
}

// stripAgency removes government-office suffixes from a name.
func stripAgency(s string) string {
	for changed := true; changed; {
		changed = false
		for _, suf := range agencySuffixes {
			if strings.HasSuffix(s, suf) && len(s) > len(suf) {
				s = strings.TrimSuffix(s, suf)
				changed = true
			}
		}
	}
	return s
}

// genericNames are real county names that are also ordinary words (老城区,
// 郊区), so they are matched only as a whole field, never inside text.
var genericNames = map[string]bool{"城区": true, "郊区": true, "矿区": true, "新区": true, "市中区": true}

// CleanText drops what stands between names in titles and fields:
// brackets, spaces, punctuation, so 【伊宁县】 and 伊 宁 县 still match.
func CleanText(s string) string {
	if strings.IndexFunc(s, dropped) < 0 {
		return s // most fields: nothing to drop, no copy
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if !dropped(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// dropped tells the runes CleanText removes.
func dropped(r rune) bool {
	return r == ' ' || r == '\u3000' || r == '\t' || r == '\n' || r == '\r' || strings.ContainsRune("()（）[]【】〔〕<>《》「」\"'“”‘’", r)
}
