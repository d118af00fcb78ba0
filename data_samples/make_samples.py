"""Write the seed's sample files: image.jpg, audio.wav and text.txt, beside this script.

    python data_samples/make_samples.py

Everything is drawn or synthesised here (no third-party media), deterministically:
- image.jpg: 224 x 224 RGB, a colour gradient with a few shapes, JPEG quality 90;
- audio.wav: 1 s at 44.1 kHz (44100 samples), mono 16-bit PCM, a 440 Hz + 660 Hz tone pair
  with a short fade in and out;
- text.txt: "This is a text data" (the seed's text, no trailing newline).

Octave reads them as the seed listing does: imread gives 224x224x3 uint8 and audioread gives
44100x1 doubles, which match image_input_layer(1, 3, 224, 224) and audio_input_layer(1, 1, 44100).
"""
import os

import numpy as np
import soundfile as sf
from PIL import Image, ImageDraw

HERE = os.path.dirname(os.path.abspath(__file__))
SIZE = 224
RATE = 44100


def make_image():
    y, x = np.mgrid[0:SIZE, 0:SIZE].astype(np.float64) / (SIZE - 1)
    rgb = np.stack([255 * x, 255 * y, 255 * (1 - x) * (1 - y) + 60 * x * y], axis=2)
    img = Image.fromarray(np.round(rgb).astype(np.uint8), "RGB")
    draw = ImageDraw.Draw(img)
    draw.ellipse((28, 28, 108, 108), fill=(250, 220, 40), outline=(20, 20, 20), width=3)
    draw.rectangle((124, 40, 196, 112), fill=(30, 90, 200))
    draw.polygon([(40, 200), (100, 124), (160, 200)], fill=(200, 40, 60))
    draw.line((0, 212, SIZE - 1, 150), fill=(255, 255, 255), width=4)
    return img


def make_audio():
    t = np.arange(RATE) / RATE
    tone = 0.4 * np.sin(2 * np.pi * 440 * t) + 0.3 * np.sin(2 * np.pi * 660 * t)
    fade = np.minimum(1.0, np.minimum(t, t[::-1]) / 0.02)        # 20 ms fade in and out
    return np.clip(np.round(tone * fade * 32767), -32768, 32767).astype(np.int16)


def main(folder=HERE):
    make_image().save(os.path.join(folder, "image.jpg"), quality=90)
    sf.write(os.path.join(folder, "audio.wav"), make_audio(), RATE, subtype="PCM_16")
    with open(os.path.join(folder, "text.txt"), "w", encoding="utf-8", newline="") as f:
        f.write("This is a text data")


if __name__ == "__main__":
    main()
