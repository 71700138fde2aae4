package places

import "testing"

func TestPublisherKind(t *testing.T) {
	for _, c := range []struct {
		agency, jurisdiction, title, body, want string
	}{
		{"平潭综合实验区管委会", "", "", "", KindGovernment},
		{"平潭综合实验区管理委员会办公室", "", "", "", KindGovernment},
		{"", "鹭屿新区", "鹭屿新区2022年度政府信息公开工作年度报告", "", KindGovernment},
		{"襄阳高新技术产业开发区管理委员会", "", "", "", KindGovernment},
		{"桃江县工业园管委会", "", "", "", KindDepartment},
		{"", "亭湖区", "盐城市亭湖区人民政府毓龙街道办事处2024年政府信息公开工作年度报告", "", KindTown},
		{"", "宜城市", "宜城市郑集镇2023年政府信息公开工作年度报告", "", KindTown},
		{"", "故城县", "故城县教育局2020年政府信息公开工作年度报告", "", KindDepartment},
		{"伊宁县人民政府办公室", "伊宁县人民政府", "伊宁县政府信息公开工作2023年度报告", "", KindGovernment},
		{"县政府办公室", "", "县政府办2022年度政府信息公开工作年度报告", "", KindGovernment},
		{"", "", "国网某县供电公司2022年信息公开工作年度报告", "", KindOther},
		{"", "", "", "", KindOther},
		{"", "", "", "一、总体情况\n2023年,我局认真贯彻", KindDepartment},
		{"", "", "", "2023年,我镇认真贯彻", KindTown},
		{"", "", "", "持续巩固全区政府信息公开工作格局", KindGovernment},
	} {
		if got := PublisherKind(c.agency, c.jurisdiction, c.title, c.body); got != c.want {
			t.Errorf("PublisherKind(%q, %q, %q, %q) = %q, want %q", c.agency, c.jurisdiction, c.title, c.body, got, c.want)
		}
	}
}
