export {
  analyseObject,
  DESCRIPTOR_BLOCKS,
  DESCRIPTOR_LENGTH,
  type DescriptorBlock,
  describeVisual,
  type ShapeMeasures,
  similarity,
  type VisualDescriptor,
  WORKING_SIZE,
} from "./descriptor.ts";
export { describePictureVisual, pictureWorkingSize } from "./picture-descriptor.ts";
export { type Neighbour, VisualIndex } from "./visual-index.ts";
