/**
 * taskpane.html: the shared runtime's page. It loads Microsoft's office.js (the one file from
 * outside, as Office requires), then functions.js (registers the KAM.* functions in this runtime)
 * and taskpane.js (the panel on the Office bridge), in that order: taskpane.js takes the core
 * functions.js carries from it (scripts/lib/shared-core.mjs).
 */
export const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

export function taskpaneHtml(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>KAM Portfolio</title>
<script src="${OFFICE_JS}"></script>
<link rel="stylesheet" href="taskpane.css">
</head>
<body>
<main id="kam-root"><p>Loading KAM Portfolio…</p></main>
<script src="functions.js"></script>
<script src="taskpane.js"></script>
</body>
</html>
`;
}
