//! The hostility of each client message over the conversation, drawn as a small SVG on the
//! server (no script, no image request), with the tense and angry thresholds as guides.

use maud::{Markup, html};

const WIDTH: f32 = 360.0;
const HEIGHT: f32 = 96.0;
const PAD: f32 = 10.0;

/// One client message: where it sits in the timeline and its hostility in 0..1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// 1-based number of the message in the case, shown in the tooltip.
    pub message: usize,
    pub hostility: f32,
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
    html! {
        svg.chart viewBox={ "0 0 " (WIDTH) " " (HEIGHT) } role="img" aria-label="Hostility of each client message, oldest on the left" {
            @for (limit, name) in [(0.6_f32, "angry"), (0.3, "tense")] {
                line class={ "guide-" (name) } x1=(PAD) x2=(WIDTH - PAD) y1=(y_of(limit)) y2=(y_of(limit)) {}
                text x=(PAD) y=(y_of(limit) - 2.0) { (name) }
            }
            polyline.trend points=(line.join(" ")) {}
            @for (x, y, p) in &placed {
                circle cx=(format!("{x:.1}")) cy=(format!("{y:.1}")) r="4" {
                    title { "Message " (p.message) ": hostility " (format!("{:.2}", p.hostility)) }
                }
            }
        }
    }
}

fn place(points: &[Point]) -> Vec<(f32, f32, Point)> {
    let step = if points.len() > 1 {
        (WIDTH - 2.0 * PAD) / (points.len() - 1) as f32
    } else {
        0.0
    };
    points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let x = if points.len() > 1 {
                PAD + step * i as f32
            } else {
                WIDTH / 2.0
            };
            (x, y_of(p.hostility), *p)
        })
        .collect()
}

fn y_of(hostility: f32) -> f32 {
    HEIGHT - PAD - hostility.clamp(0.0, 1.0) * (HEIGHT - 2.0 * PAD)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn higher_hostility_is_drawn_higher_and_points_spread_left_to_right() {
        let placed = place(&[
            Point {
                message: 1,
                hostility: 0.9,
            },
            Point {
                message: 3,
                hostility: 0.1,
            },
        ]);
        assert!(placed[0].1 < placed[1].1);
        assert_eq!(placed[0].0, PAD);
        assert_eq!(placed[1].0, WIDTH - PAD);
    }

    #[test]
    fn one_point_sits_in_the_middle_and_none_draws_nothing() {
        assert_eq!(
            place(&[Point {
                message: 1,
                hostility: 0.5
            }])[0]
                .0,
            WIDTH / 2.0
        );
        let empty = hostility(&[]).into_string();
        assert!(!empty.contains("<svg"));
        let one = hostility(&[Point {
            message: 2,
            hostility: 0.5,
        }])
        .into_string();
        assert!(
            one.contains("<circle") && one.contains("Message 2: hostility 0.50"),
            "{one}"
        );
    }
}
