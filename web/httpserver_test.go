package web_test

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/relance/relance/internal/platform/config"
	"github.com/relance/relance/web/webtest"
)

// serve runs e's server on a loopback port with timeouts t, as `relance serve` does.
func serve(e *webtest.Env, t config.HTTPTimeouts) string {
	e.T.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		e.T.Fatal(err)
	}
	srv := e.Srv.HTTPServer(ln.Addr().String(), t)
	go func() { _ = srv.Serve(ln) }()
	e.T.Cleanup(func() { _ = srv.Close() })
	return ln.Addr().String()
}

// closedBy tells whether the server closed conn (end of stream or reset) before deadline.
func closedBy(conn net.Conn, deadline time.Time) error {
	_ = conn.SetReadDeadline(deadline)
	_, err := io.Copy(io.Discard, conn)
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return fmt.Errorf("still open")
	}
	return nil // io.Copy returns nil at EOF; a reset is closed too
}

// 50 connections that never finish their headers were all still open after 65 s. Now each is
// closed once the header timeout has passed.
func TestSlowHeadersAreCutOff(t *testing.T) {
	e := webtest.New(t, webtest.Options{})
	limits := config.HTTPTimeouts{ReadHeader: 300 * time.Millisecond, Read: 2 * time.Second, Write: 5 * time.Second,
		Idle: 5 * time.Second, Transfer: time.Minute}
	addr := serve(e, limits)
	var wg sync.WaitGroup
	errc := make(chan error, 50)
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				errc <- err
				return
			}
			defer conn.Close()
			if _, err := conn.Write([]byte("GET /healthz HTTP/1.1\r\nHost: relance.test\r\nX-Slow: ")); err != nil {
				errc <- err
				return
			}
			if err := closedBy(conn, time.Now().Add(limits.ReadHeader+10*time.Second)); err != nil {
				errc <- err
			}
		}()
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		t.Fatalf("a connection with unfinished headers: %v", err)
	}
	// The server still answers complete requests.
	resp, err := http.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("healthz: %s", resp.Status)
	}
}

// trickle sends a request whose body arrives in pieces over about a second and a half, and
// returns the status line (or the error when the server closed the connection first).
func trickle(addr, head string, body []byte) (string, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(30 * time.Second))
	if _, err := fmt.Fprintf(conn, "%sContent-Length: %d\r\nConnection: close\r\n\r\n", head, len(body)); err != nil {
		return "", err
	}
	for i, n := 0, (len(body)+4)/5; i < len(body); i += n {
		time.Sleep(300 * time.Millisecond)
		if _, err := conn.Write(body[i:min(i+n, len(body))]); err != nil {
			return "", err
		}
	}
	return bufio.NewReader(conn).ReadString('\n')
}

// An ordinary request must send its body within the read timeout; an upload (under
// /api/v1/imports) gets the longer transfer timeout.
func TestUploadsGetLongerThanOrdinaryRequests(t *testing.T) {
	e := webtest.New(t, webtest.Options{})
	owner := e.Signup("Acme", "owner@acme.test")
	addr := serve(e, config.HTTPTimeouts{ReadHeader: time.Second, Read: 500 * time.Millisecond, Write: 5 * time.Second,
		Idle: 5 * time.Second, Transfer: time.Minute})

	login := []byte(`{"email": "owner@acme.test", "password": "correct horse battery"}`)
	status, err := trickle(addr, "POST /api/v1/auth/login HTTP/1.1\r\nHost: relance.test\r\nContent-Type: application/json\r\n", login)
	if err == nil && strings.Contains(status, " 200 ") {
		t.Fatalf("a body slower than the read timeout was read whole: %q", status)
	}

	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	_ = w.WriteField("kind", "customers")
	part, _ := w.CreateFormFile("file", "clients.csv")
	_, _ = part.Write([]byte("Nom;Code client\nBoulangerie Martin;C-1\nGarage Dupont;C-2\n"))
	_ = w.Close()
	status, err = trickle(addr, "POST /api/v1/imports HTTP/1.1\r\nHost: relance.test\r\nAuthorization: Bearer "+owner.AccessToken+
		"\r\nContent-Type: "+w.FormDataContentType()+"\r\n", body.Bytes())
	if err != nil || !strings.Contains(status, " 201 ") {
		t.Fatalf("a slow upload within the transfer timeout: %q, %v", status, err)
	}
}
