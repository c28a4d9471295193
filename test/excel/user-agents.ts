/**
 * Real user agents of the webviews Office shows the add-in with: Internet Explorer 11 on Windows 10,
 * Edge Legacy 18 (EdgeHTML), Edge on Chromium (what WebView2 reports: "Edg/"), Safari's WKWebView on
 * a Mac (no "Version/… Safari/" part, unlike Safari itself).
 */
export const UA = {
  trident: "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko",
  edgeHtml: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.17763",
  webView2: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91",
  wkWebView: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)",
} as const;
