import { EntitySchema } from "@mikro-orm/core";

/** An identity photo, re-encoded without metadata, kept apart from the flow's snapshot, which refers to it by id. */
export interface Photo {
  id: string;
  flowId: string;
  mime: string;
  data: Buffer;
  createdAt: Date;
}

export const PhotoSchema = new EntitySchema<Photo>({
  name: "Photo",
  tableName: "photo",
  properties: {
    id: { type: "string", length: 64, primary: true },
    flowId: { type: "string", length: 36, index: true },
    mime: { type: "string", length: 20 },
    data: { type: "blob" },
    createdAt: { type: "datetime" },
  },
});
