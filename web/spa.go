package web

import (
	"errors"
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/labstack/echo/v4"
)

// dashboard serves the SPA: its files, and index.html for any other path so that the SPA's
// router handles deep links.
func dashboard(dist fs.FS) echo.HandlerFunc {
	files := http.FileServer(http.FS(dist))
	return func(c echo.Context) error {
		name := strings.TrimPrefix(path.Clean("/"+c.Param("*")), "/")
		if st, err := fs.Stat(dist, name); name != "" && err == nil && !st.IsDir() {
			if strings.HasPrefix(name, "assets/") {
				c.Response().Header().Set("Cache-Control", "public, max-age=31536000, immutable")
			}
			files.ServeHTTP(c.Response(), c.Request())
			return nil
		}
		index, err := fs.ReadFile(dist, "index.html")
		if errors.Is(err, fs.ErrNotExist) {
			return c.String(http.StatusServiceUnavailable, "The dashboard is not built yet: run `make build`.")
		} else if err != nil {
			return err
		}
		c.Response().Header().Set("Cache-Control", "no-cache")
		return c.HTMLBlob(http.StatusOK, index)
	}
}
