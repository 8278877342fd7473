package site

import (
	"errors"
	"io/fs"
	"os"
)

// swapByRename swaps with two renames, where the system cannot exchange two
// folders at once; dest is missing for the moment between them.
func swapByRename(tmp, dest string) error {
	old := tmp + ".old"
	if err := os.Rename(dest, old); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.Rename(tmp, dest); err != nil {
		return err
	}
	return os.Rename(old, tmp)
}
