//go:build !linux

package site

import (
	"errors"
	"os"
)

func swap(tmp, dest string) error { return swapByRename(tmp, dest) }

// isNotEmpty reports a folder that could not be removed for holding files.
func isNotEmpty(err error) bool {
	var pe *os.PathError
	return errors.As(err, &pe)
}
