package web

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"
)

// writeResult gives what encoding/json gives: the same document once
// decoded, and the same escaping of every string.
func TestWriteResultAsEncodingJSON(t *testing.T) {
	s, _ := testServer(t)
	results := []*result{{
		Query: "x<y>", Params: map[string]string{"province": "湖北 & </script>"},
		Columns: []string{"s", "i", "f", "n", "b", "u", "tiny", "big", "neg"},
		Rows: []map[string]any{
			{"s": "<script>alert('&')</script>\"\\\n\r\t\x01\u2028\u2029 平潭综合实验区 \xff", "i": int64(-42), "f": 0.30434782608695654,
				"n": nil, "b": true, "u": uint64(7), "tiny": 1.5e-9, "big": 3e21, "neg": -0.0},
			{"s": "", "i": int64(math.MaxInt64), "f": 23.0, "n": nil, "b": false, "u": int(3), "tiny": 1e-6, "big": 1e20, "neg": -12.5},
		},
		Truncated: true,
	}}
	for _, name := range []string{"compare", "county_years", "coverage"} {
		p := map[string]string{}
		if name == "county_years" {
			p["code"] = "350128"
		}
		results = append(results, &result{Query: name, Params: p, Columns: nil})
		res, err := s.run(t.Context(), name, p)
		if err != nil {
			t.Fatal(err)
		}
		results = append(results, res)
	}
	for _, res := range results {
		var mine, theirs bytes.Buffer
		if err := writeResult(&mine, res); err != nil {
			t.Fatal(err)
		}
		enc := json.NewEncoder(&theirs)
		enc.SetEscapeHTML(true)
		if err := enc.Encode(res); err != nil {
			t.Fatal(err)
		}
		var a, b any
		if err := json.Unmarshal(mine.Bytes(), &a); err != nil {
			t.Fatalf("%s: not JSON: %v\n%.300s", res.Query, err, mine.String())
		}
		json.Unmarshal(theirs.Bytes(), &b)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s: decoded differently:\n%.500s\n%.500s", res.Query, mine.String(), theirs.String())
		}
		// The same bytes for every string and number: sorted keys aside,
		// each value's text is encoding/json's.
		for _, row := range res.Rows {
			for _, v := range row {
				want, _ := json.Marshal(v)
				got, _ := appendValue(nil, v)
				if !bytes.Equal(got, want) {
					t.Errorf("%s: %#v written %s, encoding/json %s", res.Query, v, got, want)
				}
			}
		}
		if strings.ContainsAny(mine.String(), "<>") {
			t.Errorf("%s: an unescaped < or >: %.300s", res.Query, mine.String())
		}
	}
}
