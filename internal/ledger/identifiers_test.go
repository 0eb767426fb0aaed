package ledger

import "testing"

func TestIdentifiers(t *testing.T) {
	for s, ok := range map[string]bool{"732829320": true, "732829321": false, "12345678": false, "abcdefghi": false} {
		if ValidSiren(s) != ok {
			t.Errorf("ValidSiren(%s) != %v", s, ok)
		}
	}
	if !ValidSiret("73282932000074") || ValidSiret("73282932000075") {
		t.Error("SIRET checksum")
	}
	if got := FrenchVAT("732829320"); got != "FR44732829320" {
		t.Errorf("FrenchVAT = %s", got)
	}
	for v, ok := range map[string]bool{"FR44732829320": true, "FR45732829320": false, "DE123456789": true, "US123": false} {
		if ValidVAT(v) != ok {
			t.Errorf("ValidVAT(%s) != %v", v, ok)
		}
	}
	if NormalizeVAT(" fr 44 732.829.320 ") != "FR44732829320" || NormalizeSiren("732 829 320") != "732829320" {
		t.Error("normalisation")
	}
	for raw, want := range map[string]string{"01 23 45 67 89": "+33123456789", "+44 20 7946 0958": "+442079460958", "06.12.34.56.78": "+33612345678"} {
		if got, ok := NormalizePhone(raw, "FR"); !ok || got != want {
			t.Errorf("NormalizePhone(%q) = %q, %v", raw, got, ok)
		}
	}
	if _, ok := NormalizePhone("12", "FR"); ok {
		t.Error("impossible phone accepted")
	}
}
