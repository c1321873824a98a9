/** Output size and leading padding of one spatial dimension, by TensorFlow's rules (GetWindowedOutputSize). */
export function windowPadding(inSize: number, window: number, stride: number, dilation: number,
  padding: string, outSize: number): number {
  if (padding !== 'SAME') return 0;
  const effective = (window - 1) * dilation + 1;
  const total = Math.max((outSize - 1) * stride + effective - inSize, 0);
  return Math.floor(total / 2);
}

/** The 15-int geometry block of vs_conv2d / vs_pool (wasm/include/vs_kernels.h). */
export interface ConvGeometry {
  n: number; h: number; w: number; c: number; kh: number; kw: number; o: number; oh: number; ow: number;
  sh: number; sw: number; dh: number; dw: number; pt: number; pl: number;
}

export const geometryArgs = (g: ConvGeometry): number[] =>
  [g.n, g.h, g.w, g.c, g.kh, g.kw, g.o, g.oh, g.ow, g.sh, g.sw, g.dh, g.dw, g.pt, g.pl];
