import { z } from 'zod';

/**
 * The colours a note may take, by name: a small palette every editor can
 * draw in its own shades (light and dark themes alike).
 */
export const NOTE_COLORS = ['yellow', 'orange', 'red', 'green', 'blue', 'purple', 'gray'] as const;
export const noteColorSchema = z.enum(NOTE_COLORS);
export type NoteColor = z.infer<typeof noteColorSchema>;

/** The longest text a note holds, in characters. */
export const MAX_NOTE_TEXT = 20_000;
/** The smallest and largest side of a note, in canvas units. */
export const MIN_NOTE_SIDE = 40;
export const MAX_NOTE_SIDE = 10_000;
/** The most notes a workflow holds. */
export const MAX_NOTES = 1_000;

const side = z
  .number()
  .min(MIN_NOTE_SIDE, `a note side is at least ${MIN_NOTE_SIDE}`)
  .max(MAX_NOTE_SIDE, `a note side is at most ${MAX_NOTE_SIDE}`);

/**
 * A sticky note on the canvas: Markdown text in a coloured box, for the
 * people who read the workflow. Notes are not part of a run: the engine
 * never reads them.
 */
export const noteSchema = z
  .object({
    id: z.string().min(1, 'a note id must not be empty').max(200),
    /** Markdown. Editors render a safe subset: no raw HTML. */
    text: z.string().max(MAX_NOTE_TEXT, `a note holds at most ${MAX_NOTE_TEXT} characters`).default(''),
    /** Top-left corner `[x, y]`, in canvas units. */
    position: z.tuple([z.number().finite(), z.number().finite()]),
    /** `[width, height]`, in canvas units. */
    size: z.tuple([side, side]).default([240, 160]),
    color: noteColorSchema.default('yellow'),
  })
  .strict();
export type WorkflowNote = z.infer<typeof noteSchema>;
