//go:build !linux

package site

func swap(tmp, dest string) error { return swapByRename(tmp, dest) }
