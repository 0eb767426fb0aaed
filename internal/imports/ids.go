package imports

import (
	"crypto/rand"
	"encoding/binary"
	"time"

	"github.com/google/uuid"
)

// idGen hands out UUIDv7 identifiers for the rows of one import: the current millisecond, a
// counter, and 62 random bits drawn once. A million rows cost one read of the random source
// instead of a million (gen_random_uuid() in Postgres and uuid.NewV7 each read it per id,
// which is most of the cost of inserting small rows).
type idGen struct {
	ms     uint64
	random uint64 // 62 bits
	n      uint64
}

func newIDGen() *idGen {
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	return &idGen{ms: uint64(time.Now().UnixMilli()), random: binary.BigEndian.Uint64(b[:]) >> 2}
}

// next returns a new id, greater than the previous one. It is a [16]byte rather than a
// uuid.UUID because pgx encodes the former straight to binary, the latter through a string.
func (g *idGen) next() [16]byte {
	g.n++
	var u [16]byte
	binary.BigEndian.PutUint64(u[0:8], g.ms<<16|0x7000|(g.n>>50)&0x0fff) // 48-bit time, version 7, rand_a
	low := (g.random + g.n) & (1<<62 - 1)
	binary.BigEndian.PutUint64(u[8:16], 0x8000000000000000|low) // variant 10, rand_b
	return u
}

func newID() uuid.UUID { return uuid.Must(uuid.NewV7()) }
