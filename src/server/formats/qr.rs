//! QR codes as SVG: member cards, jar labels, the posters' link to the site.

/// `text` as a QR code, at least `min_pixels` wide, with its quiet zone (a scanner needs it).
/// Short texts (a member number, a batch number) always fit the smallest version.
pub fn qr_code(text: &str, min_pixels: u32) -> String {
    qrcode::QrCode::new(text.as_bytes())
        .expect("a short number fits a QR code")
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(min_pixels, min_pixels)
        .quiet_zone(true)
        .build()
}
