#pragma once
// Private to src/: the handout's style sheet, inline in every page (a page
// that loads nothing). A4 with margins for print, a break before the tick
// sheet, no week or exercise split across pages; on screen, one column.

#include <string_view>

namespace rehab::detail {

inline constexpr std::string_view handout_css = R"css(@page { size: A4; margin: 14mm 14mm 16mm; }
html { color: #1b1b1b; background: #fff; font: 10.5pt/1.45 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; }
body { max-width: 182mm; margin: 0 auto; padding: 6mm 4mm; }
@media print { body { padding: 0; max-width: none; } }
h1 { font-size: 20pt; line-height: 1.2; margin: 0 0 1mm; }
h2 { font-size: 14pt; color: #1f5f8b; border-bottom: 1.5pt solid #1f5f8b; margin: 7mm 0 2.5mm; padding-bottom: 0.5mm; break-after: avoid; }
h3 { font-size: 11.5pt; margin: 0 0 1.5mm; break-after: avoid; }
p, ul, ol { margin: 0 0 2mm; }
ul, ol { padding-left: 6mm; }
.kicker { text-transform: uppercase; letter-spacing: 0.08em; font-size: 8.5pt; color: #1f5f8b; margin: 0; }
.condition { font-size: 12pt; margin-bottom: 3mm; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.8mm 5mm; margin: 0 0 3mm; }
dt { font-weight: bold; }
dd { margin: 0; }
.alert { border: 2pt solid #b3261e; background: #fdeceb; border-radius: 2mm; padding: 2.5mm 4mm 1mm; margin: 4mm 0; break-inside: avoid; }
.alert h2 { color: #b3261e; border: none; margin: 0 0 1.5mm; font-size: 12.5pt; }
.exercise { border: 0.75pt solid #b8c4cc; border-radius: 2mm; padding: 3mm 4mm 1mm; margin: 0 0 3mm; }
.exercise h3, .exercise .facts, .exercise .doses { break-after: avoid; }
li, .exercise ol, .safety { break-inside: avoid; }
.pictogram { float: right; width: 13mm; height: 13mm; margin: 0 0 1mm 3mm; }
.facts { color: #4a4a4a; font-size: 9.5pt; }
.doses { list-style: none; padding: 0; clear: right; }
.doses li { background: #e9f2f8; border-radius: 1.5mm; padding: 1mm 2.5mm; margin-bottom: 1mm; }
.when { display: inline-block; min-width: 24mm; color: #1f5f8b; font-weight: bold; }
.label { font-weight: bold; margin: 0 0 0.5mm; }
.safety { border-left: 2pt solid #b3261e; padding-left: 3mm; }
.phase-block { margin: 0 0 4mm; break-inside: avoid; }
.phase-dates { font-weight: normal; color: #4a4a4a; }
table { border-collapse: collapse; margin: 0 0 2mm; }
th, td { border: 0.5pt solid #9aa5ad; padding: 0.8mm 2mm; text-align: left; vertical-align: middle; }
thead th { background: #e9f2f8; }
.rows td, .rows th { padding: 0.5mm 2mm; }
.chart svg, .chart p { break-inside: avoid; }
.chart svg { width: 100%; height: auto; }
.grids { break-before: page; }
.week { break-inside: avoid; margin: 0 0 4mm; }
.week h3 .phase { font-weight: normal; color: #4a4a4a; }
.week-doses { font-size: 9.5pt; }
.gate-note { font-size: 9.5pt; border-left: 2pt solid #b3261e; padding-left: 2mm; }
.from { font-size: 9.5pt; font-weight: bold; margin: 0; }
.grid { width: 100%; }
.grid th[scope="row"] { width: 28mm; font-weight: normal; }
.time { display: inline-block; min-width: 11mm; }
.box { display: inline-block; width: 4.6mm; height: 4.6mm; line-height: 4.6mm; border: 1pt solid #333; border-radius: 0.8mm; text-align: center; vertical-align: middle; font-weight: bold; }
.side { margin: 0 2.5mm 0 0.8mm; font-size: 8.5pt; }
.muted { color: #6b6b6b; }
footer { margin-top: 6mm; padding-top: 2mm; border-top: 0.5pt solid #9aa5ad; font-size: 8.5pt; color: #4a4a4a; }
)css";

} // namespace rehab::detail
