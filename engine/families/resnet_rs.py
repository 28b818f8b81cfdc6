"""ResNet-RS on Keras 3, loading Keras' official ImageNet weights.

ResNet-RS (Bello et al., "Revisiting ResNets: Improved Training and Scaling Strategies",
2021) is a ResNet with the ResNet-D changes: a stem of four 3x3 convolutions in place of
the 7x7 one and max pooling, and a shortcut that average-pools before its 1x1 projection
when it downsamples; every bottleneck block ends in squeeze-and-excitation (ratio 0.25).
The deeper models use stochastic depth (the residual branch dropped per image, more often
in later stages) and all use dropout before the classifier; both act in training only.

Strided convolutions pad explicitly (``kernel_size - 1`` split evenly, then "valid"), as
the models were trained, not "same" (which pads more on the bottom/right).

The ImageNet weights of each depth were trained at one or more input sizes (160 to 320);
``weights="imagenet"`` loads the largest, ``"imagenet-i<size>"`` picks one.  Preprocessing
is inside the model (pixels 0-255 are scaled to 0-1 and normalized by the ImageNet mean
and standard deviation), so :func:`preprocess_input` passes pixels through.
"""

from __future__ import annotations

import sys

import keras
from keras import layers

from . import common

WEIGHTS_URL = "https://storage.googleapis.com/tensorflow/keras-applications/resnet_rs/"
BN_MOMENTUM = 0.0
SE_RATIO = 0.25
DEFAULT_SIZE = 224
IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)
# He initialization over the fan-out, truncated, as the paper's TPU code uses.
CONV_INIT = {"class_name": "VarianceScaling",
             "config": {"scale": 2.0, "mode": "fan_out", "distribution": "truncated_normal"}}

# depth: (blocks per stage, stochastic-depth rate, dropout before the classifier)
CONFIGS = {
    50: ((3, 4, 6, 3), 0.0, 0.25),
    101: ((3, 4, 23, 3), 0.0, 0.25),
    152: ((3, 8, 36, 3), 0.0, 0.25),
    200: ((3, 24, 36, 3), 0.1, 0.25),
    270: ((4, 29, 53, 4), 0.1, 0.25),
    350: ((4, 36, 72, 4), 0.1, 0.4),
    420: ((4, 44, 87, 4), 0.1, 0.4),
}
STAGE_FILTERS = (64, 128, 256, 512)

# MD5 of the official files, as tf_keras has them, by file name.
WEIGHTS_HASHES = {
    "resnet-rs-50-i160.h5": "69d9d925319f00a8bdd4af23c04e4102",
    "resnet-rs-50-i160_notop.h5": "90daa68cd26c95aa6c5d25451e095529",
    "resnet-rs-101-i160.h5": "544b3434d00efc199d66e9058c7f3379",
    "resnet-rs-101-i160_notop.h5": "82d5b90c5ce9d710da639d6216d0f979",
    "resnet-rs-101-i192.h5": "eb285be29ab42cf4835ff20a5e3b5d23",
    "resnet-rs-101-i192_notop.h5": "f9a0f6b85faa9c3db2b6e233c4eebb5b",
    "resnet-rs-152-i192.h5": "8d72a301ed8a6f11a47c4ced4396e338",
    "resnet-rs-152-i192_notop.h5": "5fbf7ac2155cb4d5a6180ee9e3aa8704",
    "resnet-rs-152-i224.h5": "31a46a92ab21b84193d0d71dd8c3d03b",
    "resnet-rs-152-i224_notop.h5": "dc8b2cba2005552eafa3167f00dc2133",
    "resnet-rs-152-i256.h5": "ba6271b99bdeb4e7a9b15c05964ef4ad",
    "resnet-rs-152-i256_notop.h5": "fa79794252dbe47c89130f65349d654a",
    "resnet-rs-200-i256.h5": "a76930b741884e09ce90fa7450747d5f",
    "resnet-rs-200-i256_notop.h5": "bbdb3994718dfc0d1cd45d7eff3f3d9c",
    "resnet-rs-270-i256.h5": "20d575825ba26176b03cb51012a367a8",
    "resnet-rs-270-i256_notop.h5": "2c42ecb22e35f3e23d2f70babce0a2aa",
    "resnet-rs-350-i256.h5": "f4a039dc3c421321b7fc240494574a68",
    "resnet-rs-350-i256_notop.h5": "6e44b55025bbdff8f51692a023143d66",
    "resnet-rs-350-i320.h5": "7ccb858cc738305e8ceb3c0140bee393",
    "resnet-rs-350-i320_notop.h5": "ab0c1f9079d2f85a9facbd2c88aa6079",
    "resnet-rs-420-i320.h5": "ae0eb9bed39e64fc8d7e0db4018dc7e8",
    "resnet-rs-420-i320_notop.h5": "fe6217c32be8305b1889657172b98884",
}


def weight_sizes(depth: int) -> tuple[int, ...]:
    """Input sizes the ImageNet weights of ``depth`` were trained at, smallest first."""
    prefix = f"resnet-rs-{depth}-i"
    return tuple(sorted({int(n[len(prefix):].split("_")[0].split(".")[0]) for n in WEIGHTS_HASHES
                         if n.startswith(prefix)}))


def allow_deep_graph(blocks: int) -> None:
    """Keras walks a functional graph recursively (building it, and later cutting it for
    Grad-CAM): the deepest models need a higher recursion limit, which stays raised (as
    tf_keras does for them) so that later walks over the same graph work too."""
    needed = 1000 + 25 * blocks
    if sys.getrecursionlimit() < needed:
        sys.setrecursionlimit(needed)


def conv(x, filters: int, kernel_size: int, strides: int, name: str):
    """Convolution without bias; a strided one pads explicitly and evenly first."""
    if strides > 1:
        total = kernel_size - 1
        x = layers.ZeroPadding2D(((total // 2, total - total // 2),) * 2, name=name + "_pad")(x)
    return layers.Conv2D(filters, kernel_size, strides=strides, padding="same" if strides == 1 else "valid",
                         use_bias=False, kernel_initializer=CONV_INIT, name=name)(x)


def batch_norm(x, name: str):
    return layers.BatchNormalization(momentum=BN_MOMENTUM, epsilon=common.BN_EPSILON, name=name)(x)


def stem(x, name: str = "stem"):
    """Four 3x3 convolutions (32, 32, 64, 64 filters; the first and last strided by 2)."""
    for i, (filters, strides) in enumerate(((32, 2), (32, 1), (64, 1), (64, 2)), start=1):
        x = conv(x, filters, 3, strides, f"{name}_stem_conv_{i}")
        x = batch_norm(x, f"{name}_stem_batch_norm_{i}")
        x = layers.Activation("relu", name=f"{name}_stem_act_{i}")(x)
    return x


def bottleneck(x, filters: int, strides: int, project: bool, drop_rate: float, name: str):
    """1x1, 3x3 (strided), 1x1 to ``4 * filters``, SE, stochastic depth, add, ReLU."""
    shortcut = x
    if project:
        if strides == 2:
            shortcut = layers.AveragePooling2D(2, 2, padding="same", name=name + "_projection_pooling")(x)
            shortcut = conv(shortcut, filters * 4, 1, 1, name + "_projection_conv")
        else:
            shortcut = conv(x, filters * 4, 1, strides, name + "_projection_conv")
        shortcut = batch_norm(shortcut, name + "_projection_batch_norm")
    y = conv(x, filters, 1, 1, name + "_conv_1")
    # "batch_norm_1" without the underscore: the layer names follow tf_keras' model.
    y = layers.Activation("relu", name=name + "_act_1")(batch_norm(y, name + "batch_norm_1"))
    y = conv(y, filters, 3, strides, name + "_conv_2")
    y = layers.Activation("relu", name=name + "_act_2")(batch_norm(y, name + "_batch_norm_2"))
    y = conv(y, filters * 4, 1, 1, name + "_conv_3")
    y = batch_norm(y, name + "_batch_norm_3")
    se = name + "_se"
    y = common.squeeze_excite(y, max(1, int(filters * 4 * SE_RATIO)),
                              (se + "_se_squeeze", se + "_se_reduce", se + "_se_expand", se + "_se_excite"),
                              initializer=CONV_INIT, gates_first=False)
    if drop_rate:
        y = layers.Dropout(drop_rate, noise_shape=(None, 1, 1, 1), name=name + "_drop")(y)
    y = layers.Add(name=name + "_add")([y, shortcut])
    return layers.Activation("relu", name=name + "_output_act")(y)


def ResNetRS(depth: int, *, include_top=True, weights="imagenet", classes=1000, input_shape=None,
             input_tensor=None, pooling=None, classifier_activation="softmax", include_preprocessing=True,
             model_name=None):
    """ResNet-RS of ``depth`` (50, 101, 152, 200, 270, 350 or 420)."""
    if depth not in CONFIGS:
        raise ValueError(f"ResNet-RS depth must be one of {sorted(CONFIGS)}; got {depth}.")
    repeats, drop_connect_rate, dropout = CONFIGS[depth]
    sizes = weight_sizes(depth)
    if weights == "imagenet":
        weights = f"imagenet-i{max(sizes)}"
    imagenet_names = {f"imagenet-i{s}" for s in sizes}
    common.check_weights(weights, imagenet_names, include_top, classes)
    pretrained = weights in imagenet_names
    allow_deep_graph(sum(repeats))
    model_name = model_name or f"resnet-rs-{depth}"
    # A global-average-pooling head: any input size works with the ImageNet classifier.
    inputs, x = common.image_input(input_shape, input_tensor, DEFAULT_SIZE, fixed_size=False)
    if include_preprocessing:
        x = layers.Rescaling(1.0 / 255, name="rescaling")(x)
        x = layers.Normalization(mean=list(IMAGENET_MEAN), variance=[s**2 for s in IMAGENET_STD],
                                 name="normalization")(x)
    x = stem(x)
    for i, (filters, n) in enumerate(zip(STAGE_FILTERS, repeats)):
        group = f"BlockGroup{i + 2}_"
        drop_rate = drop_connect_rate * (i + 2) / (len(repeats) + 1)
        for j in range(n):
            x = bottleneck(x, filters, (1 if i == 0 else 2) if j == 0 else 1, j == 0, drop_rate,
                           f"{group}_block_{j}_")
    x = common.top(x, include_top=include_top, pooling=pooling, classes=classes, pretrained=pretrained,
                   classifier_activation=classifier_activation, dropout=dropout)
    model = keras.Model(inputs, x, name=model_name)
    if pretrained:
        filename = f"resnet-rs-{depth}-{weights.split('-')[-1]}{'' if include_top else '_notop'}.h5"
        common.load_imagenet(model, filename, WEIGHTS_URL + filename, WEIGHTS_HASHES[filename])
    elif weights is not None:
        model.load_weights(str(weights))
    return model


def _model_function(depth: int):
    def model_fn(include_top=True, weights="imagenet", classes=1000, input_shape=None, input_tensor=None,
                 pooling=None, classifier_activation="softmax", include_preprocessing=True):
        return ResNetRS(depth, include_top=include_top, weights=weights, classes=classes, input_shape=input_shape,
                        input_tensor=input_tensor, pooling=pooling, classifier_activation=classifier_activation,
                        include_preprocessing=include_preprocessing)

    sizes = ", ".join(f"imagenet-i{s}" for s in weight_sizes(depth))
    return common.model_function(model_fn, f"ResNetRS{depth}", (
        f"ResNet-RS with {depth} layers.  ImageNet weights: {sizes} (\"imagenet\" is the largest).\n\n"
        "Arguments as in ``keras.applications``; inputs are pixels 0-255 "
        "(``include_preprocessing=False``: already normalized by the ImageNet mean and std)."))


MODELS = tuple(f"ResNetRS{depth}" for depth in CONFIGS)  # what the zoo lists

ResNetRS50 = _model_function(50)
ResNetRS101 = _model_function(101)
ResNetRS152 = _model_function(152)
ResNetRS200 = _model_function(200)
ResNetRS270 = _model_function(270)
ResNetRS350 = _model_function(350)
ResNetRS420 = _model_function(420)


def preprocess_input(x, data_format=None):
    """Pixels pass through: the model scales and normalizes them itself."""
    return x


decode_predictions = common.decode_predictions
