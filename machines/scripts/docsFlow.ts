// `npm run docs:flow`: writes the diagrams of docs/ from the machines themselves.
import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { flowDiagramPages } from "../src/flowDiagram";

const root = fileURLToPath(new URL("../../", import.meta.url));
for (const page of await flowDiagramPages()) {
  await writeFile(root + page.path, page.text);
  console.log(`wrote ${page.path}`);
}
