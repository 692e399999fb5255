// The size of the link-preview cards (lib/catalog/open-graph-image.tsx), apart from the renderer
// so pages can name it in their metadata without loading the renderer.
export const OPEN_GRAPH_SIZE = { width: 1200, height: 630 } as const;
