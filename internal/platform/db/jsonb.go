package db

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
)

// JSONValue stores v as a json or jsonb value; a nil map is stored as {}.
func JSONValue(v any) (driver.Value, error) {
	b, err := json.Marshal(v)
	if err != nil || string(b) == "null" {
		return "{}", err
	}
	return string(b), nil
}

// ScanJSON decodes a json or jsonb column's value into dst; NULL leaves dst as it is.
func ScanJSON(src, dst any) error {
	switch b := src.(type) {
	case []byte:
		return json.Unmarshal(b, dst)
	case string:
		return json.Unmarshal([]byte(b), dst)
	case nil:
		return nil
	}
	return fmt.Errorf("db: cannot scan %T as json", src)
}
