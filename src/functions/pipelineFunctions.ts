/** Declarations of this family are added here (see winRateFunctions.ts for the pattern). */
import { FunctionDeclaration } from './declaration';

export const pipelineFunctions: FunctionDeclaration[] = [];
