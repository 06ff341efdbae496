//! The hostility of each client message over the conversation, drawn as a small SVG on the
//! server (no script, no image request). The background is the scale: a labelled band per
//! level (calm, tense, angry) with the thresholds as ticks, in a gutter left of the plot so no
//! label crosses the line. Each point sits in the band of its message's level and takes that
//! level's colour, so the chart agrees with the badge on the message; its tooltip gives the score.

use maud::{Markup, html};

const WIDTH: f32 = 360.0;
const HEIGHT: f32 = 110.0;
/// The gutter on the left that holds the band names and ticks.
const GUTTER: f32 = 46.0;
const PAD: f32 = 10.0;
const TOP: f32 = 6.0;
/// Room under the plot for the message numbers.
const BOTTOM: f32 = 16.0;

/// The bands of the scale, lowest first: name and the hostility range it covers.
const BANDS: [(&str, f32, f32); 3] = [("calm", 0.0, 0.3), ("tense", 0.3, 0.6), ("angry", 0.6, 1.0)];

/// One client message: where it sits in the timeline, its hostility in 0..1 and its level.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// 1-based number of the message in the case, shown under the plot and in the tooltip.
    pub message: usize,
    pub hostility: f32,
    /// The level the message's badge shows (`calm`, `tense`, `angry`, `abusive`).
    pub level: String,
}

/// The chart; a short note instead when there is nothing to draw.
pub fn hostility(points: &[Point]) -> Markup {
    if points.is_empty() {
        return html! { p.muted { "No client messages yet." } };
    }
    let placed = place(points);
    let line: Vec<String> = placed
        .iter()
        .map(|(x, y, _)| format!("{x:.1},{y:.1}"))
        .collect();
    let labelled = labelled_messages(placed.len());
    html! {
        svg.chart viewBox={ "0 0 " (WIDTH) " " (HEIGHT) } role="img" aria-label="Hostility of each client message, oldest on the left, on bands calm, tense and angry" {
            @for (name, low, high) in BANDS {
                rect class={ "band band-" (name) } x=(GUTTER) y=(y_of(high)) width=(WIDTH - GUTTER - PAD) height=(y_of(low) - y_of(high)) {}
                text.band-name x="2" y=(format!("{:.1}", (y_of(low) + y_of(high)) / 2.0 + 3.0)) { (name) }
                text.tick x=(GUTTER - 3.0) y=(format!("{:.1}", y_of(low) + 3.0)) text-anchor="end" { (tick(low)) }
            }
            text.tick x=(GUTTER - 3.0) y=(format!("{:.1}", y_of(1.0) + 6.0)) text-anchor="end" { "1" }
            polyline.trend points=(line.join(" ")) {}
            @for (i, (x, y, p)) in placed.iter().enumerate() {
                circle class={ "point point-" (p.level) } cx=(format!("{x:.1}")) cy=(format!("{y:.1}")) r="4" {
                    title { "Message " (p.message) ": " (p.level) ", hostility " (format!("{:.2}", p.hostility)) }
                }
                @if labelled.contains(&i) {
                    text.tick x=(format!("{x:.1}")) y=(HEIGHT - 4.0) text-anchor="middle" { "#" (p.message) }
                }
            }
        }
    }
}

/// Which points get their message number under the plot: the first and the last, and the ones
/// between when there are few enough that the numbers cannot touch.
fn labelled_messages(count: usize) -> Vec<usize> {
    if count <= 8 {
        (0..count).collect()
    } else {
        vec![0, count - 1]
    }
}

fn tick(value: f32) -> String {
    if value <= 0.0 {
        "0".to_owned()
    } else {
        format!("{value:.1}")
    }
}

fn place(points: &[Point]) -> Vec<(f32, f32, &Point)> {
    let (left, right) = (GUTTER + PAD, WIDTH - 2.0 * PAD);
    let step = if points.len() > 1 {
        (right - left) / (points.len() - 1) as f32
    } else {
        0.0
    };
    points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let x = if points.len() > 1 {
                left + step * i as f32
            } else {
                (left + right) / 2.0
            };
            (x, y_of(drawn_height(p)), p)
        })
        .collect()
}

/// The hostility kept inside the band of the message's level (abusive is drawn in the angry
/// band), so that a point never sits in another level's band than its badge.
fn drawn_height(p: &Point) -> f32 {
    let band = if p.level == "abusive" {
        "angry"
    } else {
        p.level.as_str()
    };
    match BANDS.iter().find(|(name, _, _)| *name == band) {
        Some((_, low, high)) => p.hostility.clamp(*low + 0.02, *high - 0.02),
        None => p.hostility.clamp(0.0, 1.0),
    }
}

fn y_of(hostility: f32) -> f32 {
    HEIGHT - BOTTOM - hostility.clamp(0.0, 1.0) * (HEIGHT - TOP - BOTTOM)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(message: usize, hostility: f32, level: &str) -> Point {
        Point {
            message,
            hostility,
            level: level.to_owned(),
        }
    }

    fn band_of(y: f32) -> &'static str {
        BANDS
            .iter()
            .find(|(_, low, high)| y <= y_of(*low) && y >= y_of(*high))
            .map_or("none", |(name, _, _)| name)
    }

    #[test]
    fn higher_hostility_is_drawn_higher_and_points_spread_left_to_right() {
        let points = [point(1, 0.9, "angry"), point(3, 0.1, "calm")];
        let placed = place(&points);
        assert!(placed[0].1 < placed[1].1);
        assert_eq!(placed[0].0, GUTTER + PAD);
        assert_eq!(placed[1].0, WIDTH - 2.0 * PAD);
    }

    #[test]
    fn every_point_sits_in_the_band_of_its_badge() {
        for (hostility, level, band) in [
            (0.57, "tense", "tense"),
            (0.61, "tense", "tense"),
            (0.45, "angry", "angry"),
            (0.2, "abusive", "angry"),
            (0.35, "calm", "calm"),
            (0.8, "angry", "angry"),
        ] {
            let points = [point(1, hostility, level)];
            let (_, y, _) = place(&points)[0];
            assert_eq!(band_of(y), band, "{hostility} {level}");
        }
    }

    #[test]
    fn labels_stay_in_the_gutter_and_under_the_plot() {
        let points: Vec<Point> = (1..=12).map(|i| point(i, 0.5, "tense")).collect();
        let svg = hostility(&points).into_string();
        for name in ["calm", "tense", "angry"] {
            assert!(svg.contains(&format!(">{name}</text>")), "{svg}");
        }
        assert!(svg.contains(">#1</text>") && svg.contains(">#12</text>"));
        assert!(
            !svg.contains(">#6</text>"),
            "numbers between are left out when many"
        );
        let placed = place(&points);
        assert!(
            placed
                .iter()
                .all(|(x, y, _)| *x > GUTTER && *y < HEIGHT - BOTTOM)
        );
    }

    #[test]
    fn one_point_sits_in_the_middle_and_none_draws_nothing() {
        let points = [point(2, 0.5, "tense")];
        assert_eq!(
            place(&points)[0].0,
            (GUTTER + PAD + WIDTH - 2.0 * PAD) / 2.0
        );
        let empty = hostility(&[]).into_string();
        assert!(!empty.contains("<svg"));
        let one = hostility(&points).into_string();
        assert!(
            one.contains("<circle") && one.contains("Message 2: tense, hostility 0.50"),
            "{one}"
        );
    }
}
