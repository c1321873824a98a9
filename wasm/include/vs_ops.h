/*
 * vs_ops.h: op and dtype ids shared by the C kernels and the TypeScript loader.
 * GENERATED from the op schema of @varscope/kernel-api by
 * packages/backend-wasm/scripts/generate-abi-header.ts. Do not edit by hand:
 * run `pnpm --filter @varscope/backend-wasm generate:abi` and rebuild the .wasm.
 *
 * Each op line documents its argument layout as the kernel receives it:
 * (inputs) -> (outputs) [attrs]; `ref` inputs are variables mutated in place,
 * `host` inputs are small integer tensors the loader reads on the host.
 */
#ifndef VS_OPS_H
#define VS_OPS_H

/* DataType numbers (tensorflow/core/framework/types.proto). */
#define VS_DT_FLOAT 1 /* float32, 4 byte(s) */
#define VS_DT_DOUBLE 2 /* float64, 8 byte(s) */
#define VS_DT_INT32 3 /* int32, 4 byte(s) */
#define VS_DT_UINT8 4 /* uint8, 1 byte(s) */
#define VS_DT_INT16 5 /* int16, 2 byte(s) */
#define VS_DT_INT8 6 /* int8, 1 byte(s) */
#define VS_DT_STRING 7 /* string, 0 byte(s) */
#define VS_DT_COMPLEX64 8 /* complex64, 8 byte(s) */
#define VS_DT_INT64 9 /* int64, 8 byte(s) */
#define VS_DT_BOOL 10 /* bool, 1 byte(s) */
#define VS_DT_QINT8 11 /* qint8, 1 byte(s) */
#define VS_DT_QUINT8 12 /* quint8, 1 byte(s) */
#define VS_DT_QINT32 13 /* qint32, 4 byte(s) */
#define VS_DT_BFLOAT16 14 /* bfloat16, 2 byte(s) */
#define VS_DT_QINT16 15 /* qint16, 2 byte(s) */
#define VS_DT_QUINT16 16 /* quint16, 2 byte(s) */
#define VS_DT_UINT16 17 /* uint16, 2 byte(s) */
#define VS_DT_COMPLEX128 18 /* complex128, 16 byte(s) */
#define VS_DT_HALF 19 /* float16, 2 byte(s) */
#define VS_DT_RESOURCE 20 /* resource, 0 byte(s) */
#define VS_DT_VARIANT 21 /* variant, 0 byte(s) */
#define VS_DT_UINT32 22 /* uint32, 4 byte(s) */
#define VS_DT_UINT64 23 /* uint64, 8 byte(s) */

/* Device op ids: schema order, starting at 1. */
enum vs_op {
  VS_OP_NONE = 0,
  VS_OP_Add = 1, /* (x:T, y:T) -> (z:T) [T:type] */
  VS_OP_AddV2 = 2, /* (x:T, y:T) -> (z:T) [T:type] */
  VS_OP_Sub = 3, /* (x:T, y:T) -> (z:T) [T:type] */
  VS_OP_Mul = 4, /* (x:T, y:T) -> (z:T) [T:type] */
  VS_OP_RealDiv = 5, /* (x:T, y:T) -> (z:T) [T:type] */
  VS_OP_Div = 6, /* (x:T, y:T) -> (z:T) [T:type] */
  VS_OP_FloorDiv = 7, /* (x:T, y:T) -> (z:T) [T:type] */
  VS_OP_FloorMod = 8, /* (x:T, y:T) -> (z:T) [T:type] */
  VS_OP_TruncateMod = 9, /* (x:T, y:T) -> (z:T) [T:type] */
  VS_OP_Pow = 10, /* (x:T, y:T) -> (z:T) [T:type] */
  VS_OP_Maximum = 11, /* (x:T, y:T) -> (z:T) [T:type] */
  VS_OP_Minimum = 12, /* (x:T, y:T) -> (z:T) [T:type] */
  VS_OP_SquaredDifference = 13, /* (x:T, y:T) -> (z:T) [T:type] */
  VS_OP_Equal = 14, /* (x:T, y:T) -> (z:bool) [T:type] */
  VS_OP_NotEqual = 15, /* (x:T, y:T) -> (z:bool) [T:type] */
  VS_OP_Less = 16, /* (x:T, y:T) -> (z:bool) [T:type] */
  VS_OP_LessEqual = 17, /* (x:T, y:T) -> (z:bool) [T:type] */
  VS_OP_Greater = 18, /* (x:T, y:T) -> (z:bool) [T:type] */
  VS_OP_GreaterEqual = 19, /* (x:T, y:T) -> (z:bool) [T:type] */
  VS_OP_LogicalAnd = 20, /* (x:bool, y:bool) -> (z:bool) */
  VS_OP_LogicalOr = 21, /* (x:bool, y:bool) -> (z:bool) */
  VS_OP_LogicalNot = 22, /* (x:bool) -> (y:bool) */
  VS_OP_Neg = 23, /* (x:T) -> (y:T) [T:type] */
  VS_OP_Abs = 24, /* (x:T) -> (y:T) [T:type] */
  VS_OP_Sign = 25, /* (x:T) -> (y:T) [T:type] */
  VS_OP_Square = 26, /* (x:T) -> (y:T) [T:type] */
  VS_OP_Sqrt = 27, /* (x:T) -> (y:T) [T:type] */
  VS_OP_Rsqrt = 28, /* (x:T) -> (y:T) [T:type] */
  VS_OP_Reciprocal = 29, /* (x:T) -> (y:T) [T:type] */
  VS_OP_Exp = 30, /* (x:T) -> (y:T) [T:type] */
  VS_OP_Log = 31, /* (x:T) -> (y:T) [T:type] */
  VS_OP_Log1p = 32, /* (x:T) -> (y:T) [T:type] */
  VS_OP_Sin = 33, /* (x:T) -> (y:T) [T:type] */
  VS_OP_Cos = 34, /* (x:T) -> (y:T) [T:type] */
  VS_OP_Floor = 35, /* (x:T) -> (y:T) [T:type] */
  VS_OP_Ceil = 36, /* (x:T) -> (y:T) [T:type] */
  VS_OP_Round = 37, /* (x:T) -> (y:T) [T:type] */
  VS_OP_Cast = 38, /* (x:SrcT) -> (y:DstT) [SrcT:type DstT:type Truncate:bool=false] */
  VS_OP_ClipByValue = 39, /* (t:T, clip_value_min:T, clip_value_max:T) -> (output:T) [T:type] */
  VS_OP_Select = 40, /* (condition:bool, t:T, e:T) -> (output:T) [T:type] */
  VS_OP_AddN = 41, /* (inputs:T[N]) -> (sum:T) [N:int T:type] */
  VS_OP_MatMul = 42, /* (a:T, b:T) -> (product:T) [transpose_a:bool=false transpose_b:bool=false T:type] */
  VS_OP_BatchMatMulV2 = 43, /* (x:T, y:T) -> (output:T) [T:type adj_x:bool=false adj_y:bool=false] */
  VS_OP_Sum = 44, /* (input:T, reduction_indices:Tidx host) -> (output:T) [keep_dims:bool=false T:type Tidx:type="int32"] */
  VS_OP_Mean = 45, /* (input:T, reduction_indices:Tidx host) -> (output:T) [keep_dims:bool=false T:type Tidx:type="int32"] */
  VS_OP_Prod = 46, /* (input:T, reduction_indices:Tidx host) -> (output:T) [keep_dims:bool=false T:type Tidx:type="int32"] */
  VS_OP_Max = 47, /* (input:T, reduction_indices:Tidx host) -> (output:T) [keep_dims:bool=false T:type Tidx:type="int32"] */
  VS_OP_Min = 48, /* (input:T, reduction_indices:Tidx host) -> (output:T) [keep_dims:bool=false T:type Tidx:type="int32"] */
  VS_OP_All = 49, /* (input:bool, reduction_indices:Tidx host) -> (output:bool) [keep_dims:bool=false Tidx:type="int32"] */
  VS_OP_Any = 50, /* (input:bool, reduction_indices:Tidx host) -> (output:bool) [keep_dims:bool=false Tidx:type="int32"] */
  VS_OP_ArgMax = 51, /* (input:T, dimension:Tidx host) -> (output:output_type) [T:type Tidx:type="int32" output_type:type="int64"] */
  VS_OP_ArgMin = 52, /* (input:T, dimension:Tidx host) -> (output:output_type) [T:type Tidx:type="int32" output_type:type="int64"] */
  VS_OP_Range = 53, /* (start:Tidx host, limit:Tidx host, delta:Tidx host) -> (output:Tidx) [Tidx:type="int32"] */
  VS_OP_Identity = 54, /* (input:T) -> (output:T) [T:type] */
  VS_OP_StopGradient = 55, /* (input:T) -> (output:T) [T:type] */
  VS_OP_Reshape = 56, /* (tensor:T, shape:Tshape host) -> (output:T) [T:type Tshape:type="int32"] */
  VS_OP_Squeeze = 57, /* (input:T) -> (output:T) [T:type squeeze_dims:list(int)=[]] */
  VS_OP_ExpandDims = 58, /* (input:T, dim:Tdim host) -> (output:T) [T:type Tdim:type="int32"] */
  VS_OP_Transpose = 59, /* (x:T, perm:Tperm host) -> (y:T) [T:type Tperm:type="int32"] */
  VS_OP_ConcatV2 = 60, /* (values:T[N], axis:Tidx host) -> (output:T) [N:int T:type Tidx:type="int32"] */
  VS_OP_Pack = 61, /* (values:T[N]) -> (output:T) [N:int T:type axis:int=0] */
  VS_OP_Unpack = 62, /* (value:T) -> (output:T[num]) [num:int T:type axis:int=0] */
  VS_OP_Split = 63, /* (split_dim:int32 host, value:T) -> (output:T[num_split]) [num_split:int T:type] */
  VS_OP_SplitV = 64, /* (value:T, size_splits:Tlen host, split_dim:int32 host) -> (output:T[num_split]) [num_split:int T:type Tlen:type="int64"] */
  VS_OP_Slice = 65, /* (input:T, begin:Index host, size:Index host) -> (output:T) [T:type Index:type] */
  VS_OP_StridedSlice = 66, /* (input:T, begin:Index host, end:Index host, strides:Index host) -> (output:T) [T:type Index:type begin_mask:int=0 end_mask:int=0 ellipsis_mask:int=0 new_axis_mask:int=0 shrink_axis_mask:int=0] */
  VS_OP_GatherV2 = 67, /* (params:Tparams, indices:Tindices, axis:Taxis host) -> (output:Tparams) [batch_dims:int=0 Tparams:type Tindices:type Taxis:type] */
  VS_OP_Tile = 68, /* (input:T, multiples:Tmultiples host) -> (output:T) [T:type Tmultiples:type="int32"] */
  VS_OP_Pad = 69, /* (input:T, paddings:Tpaddings host) -> (output:T) [T:type Tpaddings:type="int32"] */
  VS_OP_PadV2 = 70, /* (input:T, paddings:Tpaddings host, constant_values:T) -> (output:T) [T:type Tpaddings:type="int32"] */
  VS_OP_Fill = 71, /* (dims:index_type host, value:T) -> (output:T) [T:type index_type:type="int32"] */
  VS_OP_ZerosLike = 72, /* (x:T) -> (y:T) [T:type] */
  VS_OP_OnesLike = 73, /* (x:T) -> (y:T) [T:type] */
  VS_OP_OneHot = 74, /* (indices:TI, depth:int32 host, on_value:T, off_value:T) -> (output:T) [axis:int=-1 T:type TI:type="int64"] */
  VS_OP_Relu = 75, /* (features:T) -> (activations:T) [T:type] */
  VS_OP_Relu6 = 76, /* (features:T) -> (activations:T) [T:type] */
  VS_OP_Sigmoid = 77, /* (x:T) -> (y:T) [T:type] */
  VS_OP_Tanh = 78, /* (x:T) -> (y:T) [T:type] */
  VS_OP_Softplus = 79, /* (features:T) -> (activations:T) [T:type] */
  VS_OP_Elu = 80, /* (features:T) -> (activations:T) [T:type] */
  VS_OP_LeakyRelu = 81, /* (features:T) -> (activations:T) [alpha:float=0.2 T:type] */
  VS_OP_ReluGrad = 82, /* (gradients:T, features:T) -> (backprops:T) [T:type] */
  VS_OP_Relu6Grad = 83, /* (gradients:T, features:T) -> (backprops:T) [T:type] */
  VS_OP_SoftplusGrad = 84, /* (gradients:T, features:T) -> (backprops:T) [T:type] */
  VS_OP_EluGrad = 85, /* (gradients:T, outputs:T) -> (backprops:T) [T:type] */
  VS_OP_SigmoidGrad = 86, /* (y:T, dy:T) -> (z:T) [T:type] */
  VS_OP_TanhGrad = 87, /* (y:T, dy:T) -> (z:T) [T:type] */
  VS_OP_Softmax = 88, /* (logits:T) -> (softmax:T) [T:type] */
  VS_OP_LogSoftmax = 89, /* (logits:T) -> (logsoftmax:T) [T:type] */
  VS_OP_BiasAdd = 90, /* (value:T, bias:T) -> (output:T) [T:type data_format:string="NHWC"] */
  VS_OP_BiasAddGrad = 91, /* (out_backprop:T) -> (output:T) [T:type data_format:string="NHWC"] */
  VS_OP_Conv2D = 92, /* (input:T, filter:T) -> (output:T) [T:type strides:list(int) use_cudnn_on_gpu:bool=true padding:string explicit_paddings:list(int)=[] data_format:string="NHWC" dilations:list(int)=[1,1,1,1]] */
  VS_OP_Conv2DBackpropInput = 93, /* (input_sizes:int32 host, filter:T, out_backprop:T) -> (output:T) [T:type strides:list(int) use_cudnn_on_gpu:bool=true padding:string explicit_paddings:list(int)=[] data_format:string="NHWC" dilations:list(int)=[1,1,1,1]] */
  VS_OP_Conv2DBackpropFilter = 94, /* (input:T, filter_sizes:int32 host, out_backprop:T) -> (output:T) [T:type strides:list(int) use_cudnn_on_gpu:bool=true padding:string explicit_paddings:list(int)=[] data_format:string="NHWC" dilations:list(int)=[1,1,1,1]] */
  VS_OP_MaxPool = 95, /* (input:T) -> (output:T) [T:type="float32" ksize:list(int) strides:list(int) padding:string data_format:string="NHWC"] */
  VS_OP_MaxPoolGrad = 96, /* (orig_input:T, orig_output:T, grad:T) -> (output:T) [ksize:list(int) strides:list(int) padding:string data_format:string="NHWC" T:type="float32"] */
  VS_OP_AvgPool = 97, /* (value:T) -> (output:T) [ksize:list(int) strides:list(int) padding:string data_format:string="NHWC" T:type] */
  VS_OP_AvgPoolGrad = 98, /* (orig_input_shape:int32 host, grad:T) -> (output:T) [ksize:list(int) strides:list(int) padding:string data_format:string="NHWC" T:type] */
  VS_OP_SoftmaxCrossEntropyWithLogits = 99, /* (features:T, labels:T) -> (loss:T, backprop:T) [T:type] */
  VS_OP_SparseSoftmaxCrossEntropyWithLogits = 100, /* (features:T, labels:Tlabels) -> (loss:T, backprop:T) [T:type Tlabels:type="int64"] */
  VS_OP_L2Loss = 101, /* (t:T) -> (output:T) [T:type] */
  VS_OP_Assign = 102, /* (ref:T ref, value:T) -> (output_ref:T ref) [T:type validate_shape:bool=true use_locking:bool=true] */
  VS_OP_AssignAdd = 103, /* (ref:T ref, value:T) -> (output_ref:T ref) [T:type use_locking:bool=false] */
  VS_OP_AssignSub = 104, /* (ref:T ref, value:T) -> (output_ref:T ref) [T:type use_locking:bool=false] */
  VS_OP_ApplyGradientDescent = 105, /* (var:T ref, alpha:T, delta:T) -> (out:T ref) [T:type use_locking:bool=false] */
  VS_OP_ApplyMomentum = 106, /* (var:T ref, accum:T ref, lr:T, grad:T, momentum:T) -> (out:T ref) [T:type use_locking:bool=false use_nesterov:bool=false] */
  VS_OP_ApplyAdam = 107, /* (var:T ref, m:T ref, v:T ref, beta1_power:T, beta2_power:T, lr:T, beta1:T, beta2:T, epsilon:T, grad:T) -> (out:T ref) [T:type use_locking:bool=false use_nesterov:bool=false] */
  VS_OP_ApplyRMSProp = 108, /* (var:T ref, ms:T ref, mom:T ref, lr:T, rho:T, momentum:T, epsilon:T, grad:T) -> (out:T ref) [T:type use_locking:bool=false] */
  VS_OP_ApplyCenteredRMSProp = 109, /* (var:T ref, mg:T ref, ms:T ref, mom:T ref, lr:T, rho:T, momentum:T, epsilon:T, grad:T) -> (out:T ref) [T:type use_locking:bool=false] */
  VS_OP_ApplyAdagrad = 110, /* (var:T ref, accum:T ref, lr:T, grad:T) -> (out:T ref) [T:type use_locking:bool=false update_slots:bool=true] */
  VS_OP_RandomUniform = 111, /* (shape:T host) -> (output:dtype) [seed:int=0 seed2:int=0 dtype:type T:type] */
  VS_OP_RandomStandardNormal = 112, /* (shape:T host) -> (output:dtype) [seed:int=0 seed2:int=0 dtype:type T:type] */
  VS_OP_TruncatedNormal = 113, /* (shape:T host) -> (output:dtype) [seed:int=0 seed2:int=0 dtype:type T:type] */
  VS_OP_RandomUniformInt = 114, /* (shape:T host, minval:Tout, maxval:Tout) -> (output:Tout) [seed:int=0 seed2:int=0 Tout:type T:type] */
  VS_OP_COUNT = 115
};

#endif /* VS_OPS_H */
