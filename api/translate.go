package api

// Translate is the French of an English message of a domain or of the API (the catalogue of
// messages_fr.go, the one the problems use); the debtor's pages show their forms' errors in
// French with it.
func Translate(english string) string { return translate(english) }
