package demo

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"strings"

	"github.com/relance/relance/internal/ledger"
)

// luhnKey is the digit that makes digits+key pass the Luhn checksum.
func luhnKey(digits string) string {
	for k := '0'; k <= '9'; k++ {
		if luhnValid(digits + string(k)) {
			return string(k)
		}
	}
	return "0"
}

func luhnValid(digits string) bool {
	sum := 0
	for i := range len(digits) {
		d := int(digits[len(digits)-1-i] - '0')
		if i%2 == 1 {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

// newSiren draws a SIREN with a valid key, starting with prefix (public bodies start with 2).
func newSiren(r *rand.Rand, prefix string) string {
	s := prefix
	for len(s) < 8 {
		s += fmt.Sprint(r.IntN(10))
	}
	return s + luhnKey(s)
}

// brokenSiren is a SIREN whose last digit is wrong, as typed by someone in a hurry.
func brokenSiren(r *rand.Rand) string {
	s := newSiren(r, fmt.Sprint(3+r.IntN(6)))
	last := (s[8]-'0'+1+byte(r.IntN(8)))%10 + '0'
	return s[:8] + string(last)
}

// siretOf is the SIRET of an establishment of siren: its NIC (00012, 00025 …) with a valid key.
func siretOf(siren string, n int) string {
	nic := fmt.Sprintf("%s%04d", siren, n)
	return nic + luhnKey(nic)
}

// frenchIBAN builds the IBAN of a French account: RIB key, then IBAN check digits (mod 97).
func frenchIBAN(bank, branch, account string) string {
	letters := strings.NewReplacer("A", "1", "B", "2", "C", "3", "D", "4", "E", "5", "F", "6", "G", "7", "H", "8", "I", "9",
		"J", "1", "K", "2", "L", "3", "M", "4", "N", "5", "O", "6", "P", "7", "Q", "8", "R", "9",
		"S", "2", "T", "3", "U", "4", "V", "5", "W", "6", "X", "7", "Y", "8", "Z", "9")
	num := func(s string) *big.Int { n, _ := new(big.Int).SetString(letters.Replace(s), 10); return n }
	sum := new(big.Int).Mul(big.NewInt(89), num(bank))
	sum.Add(sum, new(big.Int).Mul(big.NewInt(15), num(branch)))
	sum.Add(sum, new(big.Int).Mul(big.NewInt(3), num(account)))
	ribKey := 97 - new(big.Int).Mod(sum, big.NewInt(97)).Int64()
	bban := fmt.Sprintf("%s%s%s%02d", bank, branch, account, ribKey)
	// Check digits: 98 - (BBAN + "FR00" as digits) mod 97; F=15, R=27.
	n, _ := new(big.Int).SetString(letters.Replace(bban)+"152700", 10)
	check := 98 - new(big.Int).Mod(n, big.NewInt(97)).Int64()
	return fmt.Sprintf("FR%02d%s", check, bban)
}

// phone draws a French number: a landline of the city's area, or a mobile.
func phone(r *rand.Rand, area string, mobile bool) string {
	prefix := "0" + area
	if mobile || area == "" {
		prefix = []string{"06", "07"}[r.IntN(2)]
	}
	digits := prefix
	for len(digits) < 10 {
		digits += fmt.Sprint(r.IntN(10))
	}
	return fmt.Sprintf("%s %s %s %s %s", digits[:2], digits[2:4], digits[4:6], digits[6:8], digits[8:])
}

// foreignPhone draws a number of the customer's country, written with its country code.
func foreignPhone(r *rand.Rand, country string) string {
	n := func(k int) string {
		s := ""
		for range k {
			s += fmt.Sprint(r.IntN(10))
		}
		return s
	}
	if country == "IE" {
		return "+353 1 " + n(3) + " " + n(4)
	}
	return "+32 2 " + n(3) + " " + n(2) + " " + n(2) // Brussels
}

// slug makes a domain-name part of a company name: "Pâtisserie Rousseau" → "patisserie-rousseau".
func slug(name string) string {
	plain := strings.NewReplacer("à", "a", "â", "a", "ç", "c", "é", "e", "è", "e", "ê", "e", "ë", "e", "î", "i", "ï", "i",
		"ô", "o", "ù", "u", "û", "u", "ü", "u", "É", "e", "È", "e", "Ê", "e", "À", "a", "&", " ", "'", " ").Replace(strings.ToLower(name))
	var words []string
	for _, w := range strings.Fields(plain) {
		if w == "de" || w == "du" || w == "des" || w == "la" || w == "le" || w == "les" || w == "et" || w == "d" || w == "l" || w == "sa" {
			continue
		}
		words = append(words, w)
	}
	if len(words) > 3 {
		words = words[:3]
	}
	return strings.Join(words, "-")
}

// emailOf writes a person's address at domain: "sophie.martin@domain".
func emailOf(first, last, domain string) string {
	return slug(first) + "." + strings.ReplaceAll(slug(last), "-", "") + "@" + domain
}

// frenchVAT is the VAT number of a valid SIREN.
func frenchVAT(siren string) string { return ledger.FrenchVAT(siren) }
