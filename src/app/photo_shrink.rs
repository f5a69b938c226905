//! A photo shrinks on the phone before it travels: a 12 MP phone photo is several megabytes,
//! and the server keeps it at `PHOTO_MAX_SIDE` pixels as JPEG anyway. On one bar of signal in
//! a field that is the difference between seconds and minutes.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::js_sys::{Function, Promise};
use web_sys::{
    Blob, CanvasRenderingContext2d, HtmlCanvasElement, ImageBitmap, ImageBitmapOptions,
    ImageOrientation,
};

use crate::api::lots::{photo_size_to_send, PHOTO_JPEG_QUALITY};

/// The photo fitted within `api::lots::PHOTO_MAX_SIDE` and re-encoded as JPEG, upright. A
/// photo already small enough, or one the browser cannot decode (the server then says what is
/// wrong), is returned as it is.
pub async fn shrunk_for_upload(photo: Blob) -> Blob {
    match shrink(&photo).await {
        Ok(Some(smaller)) => smaller,
        _ => photo,
    }
}

async fn shrink(photo: &Blob) -> Result<Option<Blob>, JsValue> {
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    // Upright as the camera meant it: the canvas keeps no EXIF orientation.
    let options = ImageBitmapOptions::new();
    options.set_image_orientation(ImageOrientation::FromImage);
    let bitmap: ImageBitmap = JsFuture::from(
        window.create_image_bitmap_with_blob_and_image_bitmap_options(photo, &options)?,
    )
    .await?
    .dyn_into()?;
    let (width, height) = (bitmap.width(), bitmap.height());
    let Some((new_width, new_height)) = photo_size_to_send(width, height) else {
        bitmap.close();
        return Ok(None);
    };
    let canvas: HtmlCanvasElement = window
        .document()
        .ok_or(JsValue::NULL)?
        .create_element("canvas")?
        .dyn_into()?;
    canvas.set_width(new_width);
    canvas.set_height(new_height);
    let context: CanvasRenderingContext2d =
        canvas.get_context("2d")?.ok_or(JsValue::NULL)?.dyn_into()?;
    context.draw_image_with_image_bitmap_and_dw_and_dh(
        &bitmap,
        0.0,
        0.0,
        f64::from(new_width),
        f64::from(new_height),
    )?;
    bitmap.close();
    let encoded = Promise::new(&mut |resolve: Function, reject: Function| {
        let reject_null = reject.clone();
        let on_blob = Closure::once_into_js(move |blob: JsValue| {
            let _ = if blob.is_null() {
                reject_null.call0(&JsValue::NULL)
            } else {
                resolve.call1(&JsValue::NULL, &blob)
            };
        });
        if canvas
            .to_blob_with_type_and_encoder_options(
                on_blob.unchecked_ref(),
                "image/jpeg",
                &JsValue::from_f64(f64::from(PHOTO_JPEG_QUALITY) / 100.0),
            )
            .is_err()
        {
            let _ = reject.call0(&JsValue::NULL);
        }
    });
    Ok(Some(JsFuture::from(encoded).await?.dyn_into()?))
}
