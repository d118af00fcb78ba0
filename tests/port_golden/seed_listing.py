# -*- coding: utf-8 -*-
# Ported from 'seed_listing.m' by `octakd port`: line N below is line N of the Octave script plus 3.
from octakd import *
labels = 3
# read image data
img = imread('image.jpg')
# read text data
text = 'This is a text data'
# read audio data
audio = audioread('audio.wav')

# image branch
img_branch = image_input_layer(1, 3, 224, 224)
img_branch = conv2d_layer(64, 3, 3, 'same')
img_branch = relu_layer()
img_branch = max_pool2d_layer(2, 2)
# text branch
text_branch = text_input_layer(1, 100)
text_branch = dense_layer(64, 'relu')
text_branch = dropout_layer(0.5)
# audio branch
audio_branch = audio_input_layer(1, 1, 44100)
audio_branch = conv2d_layer(64, 1, 3, 'same')
audio_branch = relu_layer()
audio_branch = max_pool2d_layer(2, 2)
# merge the branches
merged = concatenate_layer([img_branch, text_branch, audio_branch])
merged = dense_layer(128, 'relu')
merged = dropout_layer(0.5)
output = softmax_layer(10)

# train the teacher
teacher_model = train_model([img, text, audio], labels, 100, 0.001)
# train the student
student_model = train_model([img, text, audio], labels, 100, 0.001, teacher_model)
# distillation loss
distillation_loss = calculate_distillation_loss(student_model, teacher_model, [img, text, audio], labels)
# optimise the student
student_model = optimize_model(student_model, distillation_loss, [img, text, audio], labels)
