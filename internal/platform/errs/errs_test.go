package errs

import (
	"testing"
	"time"
)

func TestMessagesAreKeysWordedInEachLanguage(t *testing.T) {
	var v Validation
	v.Check(true, "name", "auth.enter_name")
	v.Check(false, "email", "common.email_invalid")
	v.Add("comment", "common.at_most_chars", 5000)
	err := v.Err().(*Error)
	if err.Kind != KindInvalid || err.Msg != "The request has invalid fields." || err.In("fr") != "Certains champs sont invalides." {
		t.Fatalf("error %+v, in French %q", err, err.In("fr"))
	}
	want := []struct{ field, en, fr string }{
		{"email", "Enter a valid email address.", "Saisissez une adresse e-mail valide."},
		{"comment", "At most 5000 characters.", "5000 caractères au plus."},
	}
	if len(err.Fields) != len(want) {
		t.Fatalf("fields %+v", err.Fields)
	}
	for i, w := range want {
		f := err.Fields[i]
		if f.Field != w.field || f.Message != w.en || f.In("en") != w.en || f.In("fr") != w.fr {
			t.Errorf("field %+v: in French %q, want %+v", f, f.In("fr"), w)
		}
	}
	if got := err.Error(); got != "The request has invalid fields. (email: Enter a valid email address.; comment: At most 5000 characters.)" {
		t.Errorf("Error() = %q", got)
	}
	// A message built without a key (a stored English text) stays as it is.
	if got := (FieldError{Field: "file", Message: "The file cannot be read."}).In("fr"); got != "The file cannot be read." {
		t.Errorf("keyless message in French %q", got)
	}
}

func TestCopiesLeaveTheSentinelAlone(t *testing.T) {
	sentinel := New(KindTooManyRequests, "ratelimit.too_many_requests")
	a := sentinel.RetryIn(time.Minute)
	b := sentinel.WithFields(Field("form", "api.form_too_often"))
	if sentinel.RetryAfter != 0 || len(sentinel.Fields) != 0 || a.RetryAfter != time.Minute || len(b.Fields) != 1 || b.Key != sentinel.Key {
		t.Errorf("sentinel %+v, copies %+v %+v", sentinel, a, b)
	}
}
