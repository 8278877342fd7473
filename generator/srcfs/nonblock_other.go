//go:build !unix

package srcfs

// nonblock is nothing where opening a file cannot block.
const nonblock = 0
