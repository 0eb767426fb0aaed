package auth

import (
	"bytes"
	"embed"
	htmltemplate "html/template"
	texttemplate "text/template"

	"gorm.io/gorm"

	"github.com/relance/relance/internal/platform/locale"
	"github.com/relance/relance/internal/platform/mail"
)

//go:embed templates
var templatesFS embed.FS

var (
	invitationHTML = htmltemplate.Must(htmltemplate.ParseFS(templatesFS, "templates/invitation.html"))
	invitationText = texttemplate.Must(texttemplate.ParseFS(templatesFS, "templates/invitation.txt"))
)

// emailCopy is the words of an account email (an invitation, a password reset).
type emailCopy struct {
	Subject, Title, Body, Button, Expiry string
}

// copyIn is the catalogue's auth.<kind>_subject, _title, _body, _button and _expiry in lang; the
// subject and the body take their values.
func copyIn(lang, kind string, subject, body []any) emailCopy {
	t := func(part string, args ...any) string { return locale.T(lang, "auth."+kind+"_"+part, args...) }
	return emailCopy{Subject: t("subject", subject...), Title: t("title"), Body: t("body", body...),
		Button: t("button"), Expiry: t("expiry")}
}

// invitationEmail renders the invitation in the inviter's language (or the organisation's).
func (s *Service) invitationEmail(tx *gorm.DB, p Principal, inv Invitation, token string) (mail.Message, error) {
	var org Organization
	if err := tx.Take(&org, "id = ?", inv.OrganizationID).Error; err != nil {
		return mail.Message{}, err
	}
	lang, inviter, replyTo := org.Locale, org.Name, ""
	if p.IsUser() {
		var u User
		if err := tx.Take(&u, "id = ?", p.UserID).Error; err != nil {
			return mail.Message{}, err
		}
		lang, inviter, replyTo = u.Locale, u.Name, u.Email
	}
	lang = locale.Lang(lang)
	cp := copyIn(lang, "invitation", []any{org.Name}, []any{inviter, org.Name, locale.T(lang, "auth.role_"+string(inv.Role))})
	return accountEmail(inv.Email, replyTo, cp, lang, s.baseURL+"/invite/"+token)
}

// accountEmail renders an email of the accounts' templates (an invitation, a password reset):
// cp's words in lang, its button opening link.
func accountEmail(to, replyTo string, cp emailCopy, lang, link string) (mail.Message, error) {
	data := struct {
		emailCopy
		Lang, Link string
	}{cp, lang, link}
	var html, text bytes.Buffer
	if err := invitationHTML.Execute(&html, data); err != nil {
		return mail.Message{}, err
	}
	if err := invitationText.Execute(&text, data); err != nil {
		return mail.Message{}, err
	}
	return mail.Message{To: []string{to}, ReplyTo: replyTo, Subject: cp.Subject, Text: text.String(), HTML: html.String()}, nil
}
