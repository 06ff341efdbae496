//! A chart as data: named columns (weeks or agents), series of cells, and for every cell the
//! cases behind it. The page draws it as SVG and as a table, the API sends it as JSON and the
//! CSV download writes it row by row, all from this one value.

/// One figure of a report.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// Names the chart in links and file names (`causes`, `follow_ups`, ...).
    pub key: &'static str,
    pub title: &'static str,
    /// What a cell's value counts or measures ("cases", "hours").
    pub unit: &'static str,
    /// What the columns are: `week` or `agent`.
    pub axis: &'static str,
    /// Counts add up, so their bars are stacked; medians are not, so theirs stand side by side.
    pub stacked: bool,
    /// The x axis: week starts (`2026-11-30`) or agents' names.
    pub columns: Vec<String>,
    pub series: Vec<Series>,
}

/// One line of a chart's table: a name and a cell per column.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub cells: Vec<Cell>,
}

/// A figure and the cases it was counted from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    /// A count, or a median; `None` when there was nothing to take a median of.
    pub value: Option<f64>,
    /// Ascending, without repeats.
    pub cases: Vec<i64>,
}

impl Cell {
    /// `events` things that happened on `cases` (a case may show up more than once).
    pub fn tally(events: usize, mut cases: Vec<i64>) -> Cell {
        cases.sort_unstable();
        cases.dedup();
        Cell {
            value: Some(events as f64),
            cases,
        }
    }
}

impl Chart {
    /// The cell of series `series` in column `column`, if both exist.
    pub fn cell(&self, series: usize, column: usize) -> Option<&Cell> {
        self.series.get(series)?.cells.get(column)
    }

    /// Whether any cell holds a value other than nothing or zero.
    pub fn is_empty(&self) -> bool {
        self.series
            .iter()
            .flat_map(|s| &s.cells)
            .all(|c| c.value.is_none_or(|v| v == 0.0))
    }

    /// The chart as CSV: a header of the axis and the series' names, then one row per column.
    /// Medians over nothing are empty fields.
    pub fn to_csv(&self) -> Result<Vec<u8>, csv::Error> {
        let mut out = csv::Writer::from_writer(Vec::new());
        let head = std::iter::once(self.axis).chain(self.series.iter().map(|s| s.name.as_str()));
        out.write_record(head.map(inert))?;
        for (i, column) in self.columns.iter().enumerate() {
            let values = self
                .series
                .iter()
                .map(|s| s.cells[i].value.map_or(String::new(), number));
            out.write_record(std::iter::once(inert(column)).chain(values))?;
        }
        out.into_inner()
            .map_err(|e| csv::Error::from(e.into_error()))
    }
}

/// A name as a CSV field that a spreadsheet will not run as a formula (an agent's name is
/// their own text): one opening with `=`, `+`, `-` or `@` gets a leading apostrophe.
fn inert(name: &str) -> String {
    if name.starts_with(['=', '+', '-', '@']) {
        format!("'{name}")
    } else {
        name.to_owned()
    }
}

/// A value as a table shows it: whole numbers bare, others to one decimal.
pub fn number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_has_a_row_per_column_and_empty_fields_for_missing_medians() {
        let chart = Chart {
            key: "k",
            title: "t",
            unit: "hours",
            axis: "week",
            stacked: false,
            columns: vec!["2026-11-30".into(), "2026-12-07".into()],
            series: vec![Series {
                name: "first reply, \"median\"".into(),
                cells: vec![
                    Cell {
                        value: Some(1.5),
                        cases: vec![1],
                    },
                    Cell::default(),
                ],
            }],
        };
        let csv = String::from_utf8(chart.to_csv().unwrap()).unwrap();
        assert_eq!(
            csv,
            "week,\"first reply, \"\"median\"\"\"\n2026-11-30,1.5\n2026-12-07,\n"
        );
    }

    #[test]
    fn cases_are_listed_once_and_formulas_are_made_inert() {
        let cell = Cell::tally(3, vec![3, 1, 3]);
        assert_eq!((cell.value, cell.cases), (Some(3.0), vec![1, 3]));
        assert_eq!(inert("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(inert("Ana"), "Ana");
    }
}
