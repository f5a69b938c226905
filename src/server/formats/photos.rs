//! Lot photos: checked by their content (not their name), turned upright, shrunk, and
//! re-encoded as JPEG. Re-encoding keeps only pixels: EXIF, and with it the GPS position of
//! the field, is gone.

use std::io::Cursor;

use axum::body::{to_bytes, Body};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

use crate::api::lots::{MAX_PHOTO_BYTES, PHOTO_JPEG_QUALITY, PHOTO_MAX_SIDE};
use crate::server::http::error::AppError;
/// A decoded photo larger than this (in pixels per side) is refused before it is allocated.
const MAX_DECODED_SIDE: u32 = 12_000;

#[derive(Debug, PartialEq, Eq)]
pub enum PhotoError {
    /// Not a JPEG, PNG or WebP picture, whatever its name says.
    NotAPhoto,
}

pub struct Photo {
    pub jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// An uploaded photo from a request body: refused if over the size limit (before it is read
/// in full when the size is declared) or if it is not a picture; re-encoded off the async
/// threads.
pub async fn received_photo(headers: &HeaderMap, body: Body) -> Result<Photo, AppError> {
    let too_large = || {
        AppError::PayloadTooLarge(format!(
            "Cette photo est trop lourde ({} Mo au plus).",
            MAX_PHOTO_BYTES / (1024 * 1024)
        ))
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<usize>().ok());
    if declared.is_some_and(|length| length > MAX_PHOTO_BYTES) {
        return Err(too_large());
    }
    let bytes = to_bytes(body, MAX_PHOTO_BYTES)
        .await
        .map_err(|_| too_large())?;
    tokio::task::spawn_blocking(move || reencode(&bytes))
        .await
        .map_err(|error| AppError::Storage(error.into()))?
        .map_err(|PhotoError::NotAPhoto| {
            AppError::UnsupportedMediaType(
                "Ce fichier n'est pas une photo (JPEG, PNG ou WebP).".into(),
            )
        })
}

pub const CONTENT_TYPE: &str = "image/jpeg";

/// A stored photo. It never changes (a new one gets a new id), so browsers keep it a year;
/// `scope` is "public", or "private" for what only some accounts may see.
pub fn jpeg_response(jpeg: Vec<u8>, scope: &str) -> Response {
    let cache = format!("{scope}, max-age=31536000, immutable");
    (
        [
            (header::CONTENT_TYPE, CONTENT_TYPE.to_string()),
            (header::CACHE_CONTROL, cache),
        ],
        jpeg,
    )
        .into_response()
}

/// Decodes `bytes` (JPEG, PNG or WebP, told by their content), applies the EXIF orientation,
/// fits the picture within `PHOTO_MAX_SIDE`, and encodes a fresh JPEG with no metadata.
pub fn reencode(bytes: &[u8]) -> Result<Photo, PhotoError> {
    let format = image::guess_format(bytes).map_err(|_| PhotoError::NotAPhoto)?;
    if !matches!(
        format,
        ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP
    ) {
        return Err(PhotoError::NotAPhoto);
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_DECODED_SIDE);
    limits.max_image_height = Some(MAX_DECODED_SIDE);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| PhotoError::NotAPhoto)?;
    let orientation = decoder.orientation().map_err(|_| PhotoError::NotAPhoto)?;
    let mut picture = DynamicImage::from_decoder(decoder).map_err(|_| PhotoError::NotAPhoto)?;
    picture.apply_orientation(orientation);
    if picture.width() > PHOTO_MAX_SIDE || picture.height() > PHOTO_MAX_SIDE {
        picture = picture.resize(PHOTO_MAX_SIDE, PHOTO_MAX_SIDE, FilterType::Triangle);
    }
    let rgb = picture.to_rgb8();
    let mut jpeg = Vec::new();
    JpegEncoder::new_with_quality(&mut jpeg, PHOTO_JPEG_QUALITY)
        .encode_image(&rgb)
        .map_err(|_| PhotoError::NotAPhoto)?;
    Ok(Photo {
        jpeg,
        width: rgb.width(),
        height: rgb.height(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageBuffer, Rgb};

    /// A JPEG as a phone writes it: an APP1 EXIF segment with GPS tags right after SOI.
    pub fn phone_jpeg(width: u32, height: u32) -> Vec<u8> {
        let picture = ImageBuffer::from_fn(width, height, |x, y| {
            Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        let mut plain = Vec::new();
        JpegEncoder::new_with_quality(&mut plain, 90)
            .encode_image(&picture)
            .unwrap();
        let exif_body = b"Exif\0\0MM\0*GPSLatitude 45.04 GPSLongitude 5.05";
        let mut segment = vec![0xFF, 0xE1];
        segment.extend_from_slice(&((exif_body.len() + 2) as u16).to_be_bytes());
        segment.extend_from_slice(exif_body);
        let mut with_exif = plain[..2].to_vec();
        with_exif.extend_from_slice(&segment);
        with_exif.extend_from_slice(&plain[2..]);
        with_exif
    }

    #[test]
    fn a_photo_is_shrunk_and_loses_its_metadata() {
        let original = phone_jpeg(3000, 2000);
        assert!(original.windows(11).any(|w| w == b"GPSLatitude"));
        let photo = reencode(&original).unwrap();
        assert_eq!((photo.width, photo.height), (1600, 1067));
        assert!(photo.jpeg.starts_with(&[0xFF, 0xD8]));
        assert!(!photo.jpeg.windows(4).any(|w| w == b"Exif"));
        assert!(!photo.jpeg.windows(11).any(|w| w == b"GPSLatitude"));
    }

    #[test]
    fn a_small_photo_keeps_its_size() {
        let photo = reencode(&phone_jpeg(640, 480)).unwrap();
        assert_eq!((photo.width, photo.height), (640, 480));
    }

    #[test]
    fn what_is_not_a_photo_is_refused_whatever_its_name() {
        // An ELF executable, a PE executable, text, and a truncated JPEG.
        let mut truncated = phone_jpeg(64, 64);
        truncated.truncate(40);
        for bytes in [
            b"\x7fELF\x02\x01\x01\0\0\0\0\0".to_vec(),
            b"MZ\x90\0\x03\0\0\0\x04\0\0\0".to_vec(),
            b"tomates hors calibre".to_vec(),
            truncated,
        ] {
            assert_eq!(reencode(&bytes).err(), Some(PhotoError::NotAPhoto));
        }
    }
}
