/**
 * The portfolio's charts as native DrawingML: the quadrant as a scatter chart part and the profit
 * curve as a line chart part, whose cached numbers come from the sheet plan's cells, and the
 * drawing that anchors them on the sheet. One series per grade, the two boundary lines, and one
 * invisible point per quadrant whose data label shows the quadrant's name.
 */
import { sheetRange } from "../core/a1";
import type { ChartSeries, ChartSpec, LineChartSpec, PlanValue, RangeRef, SheetPlan } from "../core/plan";
import { escapeXml } from "./xlsx/xml";

const NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
/** English Metric Units per pixel at 96 dpi. */
const EMU_PER_PX = 9525;

/** The numbers of a plan's cells in a 1-based range (null where a cell holds no number). */
export function planValuesAt(plan: SheetPlan, r: RangeRef): (number | null)[] {
  const out: (number | null)[] = [];
  for (let i = 0; i < r.rows; i++) {
    for (let j = 0; j < r.cols; j++) {
      const row = r.row + i;
      const col = r.col + j;
      let v: PlanValue = null;
      for (const b of plan.blocks) {
        if (row >= b.row && row < b.row + b.values.length && col >= b.col) {
          const x = b.values[row - b.row]?.[col - b.col];
          if (x !== undefined) v = x;
        }
      }
      out.push(typeof v === "number" ? v : null);
    }
  }
  return out;
}

const hex = (c: string) => c.replace(/^#/, "").toUpperCase();

function numRef(sheet: string, r: RangeRef, values: readonly (number | null)[]): string {
  const pts = values.map((v, i) => (v === null ? "" : `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`)).join("");
  return `<c:numRef><c:f>${escapeXml(sheetRange(sheet, r))}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${values.length}"/>${pts}</c:numCache></c:numRef>`;
}

function richText(text: string, o: { size: number; bold?: boolean; rotate?: boolean; color?: string }): string {
  const color = o.color ? `<a:solidFill><a:srgbClr val="${hex(o.color)}"/></a:solidFill>` : "";
  const rPr = `sz="${o.size * 100}" b="${o.bold ? 1 : 0}"`;
  return (
    `<c:tx><c:rich><a:bodyPr${o.rotate ? ' rot="-5400000" vert="horz"' : ""}/><a:lstStyle/>` +
    `<a:p><a:pPr><a:defRPr ${rPr}>${color}</a:defRPr></a:pPr><a:r><a:rPr lang="en-US" ${rPr}>${color}</a:rPr><a:t>${escapeXml(text)}</a:t></a:r></a:p></c:rich></c:tx>`
  );
}

function title(text: string, o: { size: number; bold?: boolean; rotate?: boolean }): string {
  return `<c:title>${richText(text, o)}<c:overlay val="0"/></c:title>`;
}

const NO_LABELS = '<c:showLegendKey val="0"/><c:showVal val="0"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>';

function series(s: ChartSeries, i: number, sheet: string, valuesAt: (r: RangeRef) => (number | null)[]): string {
  const colour = hex(s.color);
  let look: string;
  let labels = "";
  if (s.kind === "points") {
    look =
      `<c:spPr><a:ln w="19050"><a:noFill/></a:ln></c:spPr>` +
      `<c:marker><c:symbol val="circle"/><c:size val="7"/><c:spPr><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill>` +
      `<a:ln w="6350"><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill></a:ln></c:spPr></c:marker>`;
  } else if (s.kind === "line") {
    look = `<c:spPr><a:ln w="15875"><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill><a:prstDash val="dash"/></a:ln></c:spPr><c:marker><c:symbol val="none"/></c:marker>`;
  } else {
    look = `<c:spPr><a:ln w="19050"><a:noFill/></a:ln></c:spPr><c:marker><c:symbol val="none"/></c:marker>`;
    labels =
      `<c:dLbls><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>` +
      `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1000" b="1"><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill></a:defRPr></a:pPr><a:endParaRPr lang="en-US"/></a:p></c:txPr>` +
      `<c:dLblPos val="ctr"/><c:showLegendKey val="0"/><c:showVal val="0"/><c:showCatName val="0"/><c:showSerName val="1"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>`;
  }
  return (
    `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${escapeXml(s.name)}</c:v></c:tx>${look}${labels}` +
    `<c:xVal>${numRef(sheet, s.x, valuesAt(s.x))}</c:xVal><c:yVal>${numRef(sheet, s.y, valuesAt(s.y))}</c:yVal><c:smooth val="0"/></c:ser>`
  );
}

function axis(id: number, cross: number, pos: "b" | "l", name: string, spec: ChartSpec): string {
  return (
    `<c:valAx><c:axId val="${id}"/><c:scaling><c:orientation val="minMax"/><c:max val="${spec.max}"/><c:min val="${spec.min}"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="${pos}"/>` +
    `<c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="E0E0E0"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>` +
    title(name, { size: 10, bold: true, rotate: pos === "l" }) +
    `<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="${cross}"/><c:crosses val="autoZero"/><c:crossBetween val="midCat"/><c:majorUnit val="${(spec.max - spec.min) / 4}"/></c:valAx>`
  );
}

/** The chart part (xl/charts/chartN.xml) of a plan's chart on the named sheet. */
export function chartPartXml(spec: ChartSpec, sheet: string, plan: SheetPlan): string {
  const sers = spec.series.map((s, i) => series(s, i, sheet, (r) => planValuesAt(plan, r))).join("");
  // The legend lists the grades only.
  const hidden = spec.series.map((s, i) => (s.kind === "points" ? "" : `<c:legendEntry><c:idx val="${i}"/><c:delete val="1"/></c:legendEntry>`)).join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}"><c:roundedCorners val="0"/>` +
    `<c:chart>${title(spec.title, { size: 11, bold: true })}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>` +
    `<c:scatterChart><c:scatterStyle val="lineMarker"/><c:varyColors val="0"/>${sers}<c:dLbls>${NO_LABELS}</c:dLbls>` +
    `<c:axId val="500100"/><c:axId val="500200"/></c:scatterChart>` +
    axis(500100, 500200, "b", spec.xTitle, spec) +
    axis(500200, 500100, "l", spec.yTitle, spec) +
    `<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr></c:plotArea>` +
    `<c:legend><c:legendPos val="r"/>${hidden}<c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln w="9525"><a:solidFill><a:srgbClr val="BFBFBF"/></a:solidFill></a:ln></c:spPr>` +
    `</c:chartSpace>`
  );
}

/** A chart the drawing anchors: where, how big, its relationship id and name. */
export interface DrawnChart {
  anchor: ChartSpec["anchor"];
  relId: string;
  name: string;
}

function anchorXml(c: DrawnChart, id: number): string {
  const { row, col, width, height } = c.anchor;
  return (
    `<xdr:oneCellAnchor>` +
    `<xdr:from><xdr:col>${col - 1}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row - 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
    `<xdr:ext cx="${width * EMU_PER_PX}" cy="${height * EMU_PER_PX}"/>` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${id}" name="${escapeXml(c.name)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" xmlns:r="${NS_R}" r:id="${c.relId}"/></a:graphicData></a:graphic>` +
    `</xdr:graphicFrame><xdr:clientData/></xdr:oneCellAnchor>`
  );
}

/** The drawing part that anchors each chart at its cell with its size in pixels. */
export function drawingPartXml(charts: readonly DrawnChart[]): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}">${charts.map((c, i) => anchorXml(c, i + 2)).join("")}</xdr:wsDr>`;
}

function categoryAxis(id: number, cross: number, spec: LineChartSpec): string {
  return (
    `<c:catAx><c:axId val="${id}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>` +
    title(spec.xTitle, { size: 10, bold: true }) +
    `<c:numFmt formatCode="${escapeXml(spec.format)}" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/>` +
    `<c:crossAx val="${cross}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`
  );
}

function valueAxis(id: number, cross: number, spec: LineChartSpec): string {
  return (
    `<c:valAx><c:axId val="${id}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>` +
    `<c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="E0E0E0"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>` +
    title(spec.yTitle, { size: 10, bold: true, rotate: true }) +
    `<c:numFmt formatCode="${escapeXml(spec.format)}" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="${cross}"/><c:crosses val="autoZero"/><c:crossBetween val="midCat"/></c:valAx>`
  );
}

/** The chart part of a plan's line chart (the profit curve): one series, x as categories, over the plan's cells. */
export function lineChartPartXml(spec: LineChartSpec, sheet: string, plan: SheetPlan): string {
  const colour = hex(spec.color);
  const ser =
    `<c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:v>${escapeXml(spec.name)}</c:v></c:tx>` +
    `<c:spPr><a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill><a:round/></a:ln></c:spPr><c:marker><c:symbol val="none"/></c:marker>` +
    `<c:cat>${numRef(sheet, spec.x, planValuesAt(plan, spec.x))}</c:cat><c:val>${numRef(sheet, spec.y, planValuesAt(plan, spec.y))}</c:val><c:smooth val="0"/></c:ser>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}"><c:roundedCorners val="0"/>` +
    `<c:chart>${title(spec.title, { size: 11, bold: true })}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>` +
    `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${ser}<c:dLbls>${NO_LABELS}</c:dLbls><c:marker val="1"/>` +
    `<c:axId val="600100"/><c:axId val="600200"/></c:lineChart>` +
    categoryAxis(600100, 600200, spec) +
    valueAxis(600200, 600100, spec) +
    `<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr></c:plotArea>` +
    `<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln w="9525"><a:solidFill><a:srgbClr val="BFBFBF"/></a:solidFill></a:ln></c:spPr>` +
    `</c:chartSpace>`
  );
}
