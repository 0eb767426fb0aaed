package portal

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/relance/relance/web/httpx"
)

// pixel is a transparent 1×1 GIF.
var pixel = []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")

// TrackOpen godoc
// @Summary      Open-tracking pixel of a reminder
// @Description  Records the first opening of the message on the customer's timeline; always answers the image.
// @Tags         tracking
// @Produce      image/gif
// @Param        token  path  string  true  "Signed token from the message"
// @Success      200
// @Router       /t/o/{token} [get]
func (d *Door) TrackOpen(c echo.Context) error {
	d.Dunning.TrackOpen(c.Request().Context(), c.Param("token"))
	c.Response().Header().Set("Cache-Control", "no-store, private")
	return c.Blob(http.StatusOK, "image/gif", pixel)
}

// TrackClick godoc
// @Summary      Click-tracking redirect of a reminder link
// @Description  Records the click and redirects to the link the message carried; a link not signed by Relance gets 404 (no open redirect).
// @Tags         tracking
// @Param        token  path   string  true  "Signed token from the message"
// @Param        u      query  string  true  "The link's target"
// @Success      302
// @Failure      404  {object}  api.Problem
// @Router       /t/c/{token} [get]
func (d *Door) TrackClick(c echo.Context) error {
	target, ok := d.Dunning.TrackClick(c.Request().Context(), c.Param("token"), c.QueryParam("u"))
	if !ok {
		return httpx.NotFound(c)
	}
	c.Response().Header().Set("Cache-Control", "no-store, private")
	return c.Redirect(http.StatusFound, target)
}
