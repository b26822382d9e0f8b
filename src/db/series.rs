//! Document figures beside reference series: reads the `series_check` view (migration V7),
//! which puts each document's quantity next to the series value for its reference time.

use std::collections::HashMap;

use anyhow::Result;
use rusqlite::Connection;

use crate::model::SeriesValue;

/// The series values for the document claims among `claims`, by claim id. Each claim's series
/// are found from the claim (migration V12), so the cost follows `claims`, not the database.
pub fn values(conn: &Connection, claims: &[String]) -> Result<HashMap<String, Vec<SeriesValue>>> {
    let mut out: HashMap<String, Vec<SeriesValue>> = HashMap::new();
    let wanted = serde_json::to_string(claims)?;
    let mut stmt = conn.prepare_cached(
        "SELECT claim, series, series_value, unit, method, before_point, after_point, gap_percent,
                gap_points, coalesce((SELECT title FROM source WHERE id = series), series)
         FROM series_check
         WHERE claim IN (SELECT value FROM json_each(?1))
         ORDER BY claim, series",
    )?;
    let rows = stmt.query_map([&wanted], |r| {
        Ok((
            r.get::<_, String>(0)?,
            SeriesValue {
                series: r.get(1)?,
                value: r.get(2)?,
                unit: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                method: r.get(4)?,
                before: r.get(5)?,
                after: r.get(6)?,
                gap_percent: r.get(7)?,
                gap_points: r.get(8)?,
                title: r.get(9)?,
            },
        ))
    })?;
    for row in rows {
        let (claim, value) = row?;
        out.entry(claim).or_default().push(value);
    }
    Ok(out)
}
