// Package themes embeds the default theme so that a site without a themes/
// folder still gets a full site.
package themes

import "embed"

// Default is the default theme: layouts/ and static/ under default/.
//
//go:embed default
var Default embed.FS
