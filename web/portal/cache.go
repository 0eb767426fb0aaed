package portal

import (
	"bytes"
	"compress/gzip"
	"container/list"
	"crypto/sha256"
	"strings"
	"sync"

	"github.com/labstack/echo/v4"
)

// The debtor page's answers, kept by what they show.
//
// A page is read from the database at every view (each view is a visit on the timeline, and
// balances, statuses and penalties must be today's), but rendering and compressing it again is
// needless when nothing it shows has changed: a debtor going back to it, a mail scanner opening
// the link before the debtor, a page forwarded to a colleague. The key is a SHA-256 digest of
// everything the page was made from (portal.Page.Digest: the rows as Postgres sent them, the
// link, language, today's date, penalty terms) and what the request adds, so a page is never
// served stale: any change gives another key. Only plain views are kept (no form answer, no
// errors).
//
// GET /p/{token} compresses its own answers (the compressed page is kept too): the gzip
// middleware skips that route (SelfCompressed).

const (
	pagePath        = "/p/:token"
	pageCacheBudget = 32 << 20 // bytes of pages kept, compressed and not
)

// SelfCompressed tells the gzip middleware which routes compress their own answers.
func SelfCompressed(c echo.Context) bool { return c.Path() == pagePath }

// renderedPage is a page's HTML and its gzip encoding (made when first needed; a kept page has
// it before it is kept).
type renderedPage struct {
	key  [sha256.Size]byte
	html []byte
	gz   []byte
}

// gzipped is the page compressed at the fastest level, like the middleware.
func (p *renderedPage) gzipped() []byte {
	if p.gz == nil {
		var b bytes.Buffer
		w, _ := gzip.NewWriterLevel(&b, gzip.BestSpeed)
		_, _ = w.Write(p.html)
		_ = w.Close()
		p.gz = b.Bytes()
	}
	return p.gz
}

func (p *renderedPage) size() int { return len(p.html) + len(p.gz) }

// pageCache keeps the most recently viewed pages within a budget of bytes.
type pageCache struct {
	mu     sync.Mutex
	budget int
	used   int
	order  *list.List // of *renderedPage, most recent first
	byKey  map[[sha256.Size]byte]*list.Element
}

func newPageCache(budget int) *pageCache {
	return &pageCache{budget: budget, order: list.New(), byKey: map[[sha256.Size]byte]*list.Element{}}
}

// pageKey identifies what a view shows: the page's digest (everything it was read from) and
// what the request adds to it (the link's token in every address, the other language's link).
// Only plain views are kept, so the forms' values and errors are never part of one.
func pageKey(v pageView) [sha256.Size]byte {
	h := sha256.New()
	h.Write(v.Digest[:])
	for _, s := range []string{v.Token, v.AltLangURL, v.CSSURL} {
		h.Write([]byte{0})
		h.Write([]byte(s))
	}
	var key [sha256.Size]byte
	h.Sum(key[:0])
	return key
}

func (c *pageCache) get(key [sha256.Size]byte) *renderedPage {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.byKey[key]; ok {
		c.order.MoveToFront(e)
		return e.Value.(*renderedPage)
	}
	return nil
}

// put keeps a page, with its compressed form, dropping the least recently viewed beyond the budget.
func (c *pageCache) put(p *renderedPage) {
	p.gzipped()
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.byKey[p.key]; ok {
		c.used -= e.Value.(*renderedPage).size()
		c.order.Remove(e)
	}
	c.byKey[p.key] = c.order.PushFront(p)
	c.used += p.size()
	for c.used > c.budget && c.order.Len() > 1 {
		last := c.order.Back()
		old := last.Value.(*renderedPage)
		c.order.Remove(last)
		delete(c.byKey, old.key)
		c.used -= old.size()
	}
}

// acceptsGzip tells whether the client takes gzip (the middleware's own test).
func acceptsGzip(c echo.Context) bool {
	return strings.Contains(c.Request().Header.Get(echo.HeaderAcceptEncoding), "gzip")
}

// servePage writes a rendered page: compressed on a self-compressed route when the client takes
// it, as is otherwise.
func servePage(c echo.Context, status int, p *renderedPage) error {
	pageHeaders(c)
	if !SelfCompressed(c) {
		return c.HTMLBlob(status, p.html)
	}
	h := c.Response().Header()
	h.Add(echo.HeaderVary, echo.HeaderAcceptEncoding)
	if !acceptsGzip(c) {
		return c.HTMLBlob(status, p.html)
	}
	h.Set(echo.HeaderContentEncoding, "gzip")
	return c.Blob(status, echo.MIMETextHTMLCharsetUTF8, p.gzipped())
}
