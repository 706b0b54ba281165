#!/usr/bin/env bash
# Rebuilds fluent-web-components.min.js, the task pane's Fluent UI bundle, and its LICENSE.
#
# The task pane loads nothing from a CDN at run time (the server's CSP allows
# its own origin and office.js only), so the components are vendored here as
# one minified classic script. It holds only the components the pane uses,
# registered behind a feature check: a webview without custom elements
# (Trident, EdgeHTML) gets no half-defined tags and the pane stays plain HTML.
# Needs node and npm (the npm registry) only while it runs; run it from
# anywhere, then commit the two files it writes. Pinned versions, so the same
# bundle comes out; raise them deliberately and look at the task pane again.
set -euo pipefail

FLUENT=3.1.3             # @fluentui/web-components (Fluent 2, the look of today's Office)
TOKENS=1.0.0-alpha.24    # @fluentui/tokens: the webLightTheme values
FAST=3.0.3               # @microsoft/fast-element, the web-components' base
ESBUILD=0.28.2

here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --no-save --no-audit --no-fund --loglevel=error \
    "@fluentui/web-components@$FLUENT" "@fluentui/tokens@$TOKENS" "@microsoft/fast-element@$FAST" \
    "esbuild@$ESBUILD"

cat > entry.js <<'JS'
// Only what the task pane uses (esbuild drops the rest), the web light theme, and no half measures:
// in a webview that lacks what the components need, nothing is defined and the page stays plain HTML.
import {
  Accordion, AccordionDefinition, AccordionItem, AccordionItemDefinition, Badge, BadgeDefinition,
  Button, ButtonDefinition, MessageBar, MessageBarDefinition, setTheme,
} from "@fluentui/web-components";
import { webLightTheme } from "@fluentui/tokens";

function supported() {
  return Boolean(window.customElements && Element.prototype.attachShadow && HTMLElement.prototype.attachInternals &&
                 window.CSSStyleSheet && "replaceSync" in CSSStyleSheet.prototype && window.CSS && CSS.supports);
}

if (supported()) {
  setTheme(webLightTheme);
  for (const [element, definition] of [[Accordion, AccordionDefinition], [AccordionItem, AccordionItemDefinition],
      [Badge, BadgeDefinition], [Button, ButtonDefinition], [MessageBar, MessageBarDefinition]]) {
    if (!customElements.get(definition.name)) element.define(definition);
  }
}
JS

npx esbuild entry.js --bundle --minify --format=iife --target=es2020 --legal-comments=none \
    --banner:js="/* Fluent UI Web Components $FLUENT (MIT, Microsoft): accordion, badge, button, message-bar; built by build.sh, see LICENSE */" \
    --outfile="$here/fluent-web-components.min.js"

{
    echo "fluent-web-components.min.js bundles these packages from npm, built by build.sh:"
    echo "  @fluentui/web-components $FLUENT, @fluentui/tokens $TOKENS and @microsoft/fast-element $FAST (MIT),"
    echo "  and tslib's helpers (0BSD) where the code uses them."
    echo
    echo "=== @fluentui/web-components and @fluentui/tokens (github.com/microsoft/fluentui)"
    echo
    sed 's/^@fluentui\/tokens$/Fluent UI (@fluentui\/web-components, @fluentui\/tokens)/' node_modules/@fluentui/tokens/LICENSE
    echo
    echo "=== @microsoft/fast-element (github.com/microsoft/fast)"
    echo
    echo "Copyright (c) Microsoft Corporation. All rights reserved."
    echo
    echo "MIT License"
    echo
    sed -n '/^Permission is hereby granted/,/SOFTWARE\.$/p' node_modules/@fluentui/tokens/LICENSE
    echo
    echo "=== tslib (github.com/microsoft/tslib)"
    echo
    cat node_modules/tslib/LICENSE.txt
    echo
} > "$here/LICENSE"

echo "wrote $here/fluent-web-components.min.js ($(wc -c < "$here/fluent-web-components.min.js") bytes) and LICENSE"
