"""Octave-compatible file I/O: images, audio and saved models.

    img   = imread('image.jpg')           # H x W x C uint8 (H x W for grayscale), as GNU Octave
    img   = imresize(img, [224 224])      # bilinear, same dtype
    imwrite(img, 'out.png')               # Octave's argument order
    audio = audioread('audio.wav')        # samples x channels float64, audio.fs = sample rate
    y, fs = audioread('audio.wav', return_fs=True)
    info  = audioinfo('audio.wav')        # info.SampleRate, info['TotalSamples'], ...
    audiowrite('out.wav', y, fs)          # 16-bit PCM, Octave's quantisation and clipping
    save_model(model, 'student.mat');  model = load_model('student.mat')

The pixel and sample values were checked against GNU Octave 7.3 (tests/fixtures/
octave_expected.mat, recorded by tests/fixtures/record_octave.m). docs/io.md describes the
choices: how the sample rate travels with the samples, and the layout of the model .mat file.

The package has one module per kind of file: images.py, audio.py, models.py, and files.py for
the paths, errors and atomic writes they share.
"""
from .audio import AudioArray, AudioInfo, audioinfo, audioread, audiowrite
from .images import imread, imresize, imwrite, ind2rgb
from .models import FORMAT_MAGIC, FORMAT_VERSION, load_model, save_model

__all__ = ["imread", "imresize", "imwrite", "ind2rgb", "audioread", "audioinfo", "audiowrite",
           "AudioArray", "AudioInfo", "save_model", "load_model", "FORMAT_MAGIC", "FORMAT_VERSION"]
