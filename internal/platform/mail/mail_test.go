package mail

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
)

func TestLogSenderLogsNoBody(t *testing.T) {
	var out bytes.Buffer
	s := LogSender{Log: slog.New(slog.NewTextHandler(&out, nil)), From: "Relance <relance@relance.test>"}
	link := "http://localhost:8080/p/Zm9vYmFyYmF6cXV1eC1zZWNyZXQtZGVidG9yLXRva2Vu"
	_, err := s.Send(context.Background(), Message{To: []string{"claire@martin.test"}, Subject: "Rappel : facture F-1",
		Text: "Bonjour,\nvotre relevé : " + link, HTML: `<a href="` + link + `">relevé</a>`})
	if err != nil {
		t.Fatal(err)
	}
	logged := out.String()
	if !strings.Contains(logged, "claire@martin.test") || !strings.Contains(logged, "Rappel : facture F-1") {
		t.Fatalf("recipients and subject not logged: %s", logged)
	}
	if strings.Contains(logged, "/p/") || strings.Contains(logged, "Bonjour") {
		t.Fatalf("the body reached the log: %s", logged)
	}
}
