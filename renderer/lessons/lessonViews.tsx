/** What each lesson view draws: the compiler refuses a lesson of engine/lessons/lessons.ts without one. */
import type { ReactNode } from 'react';
import type { LessonId } from '../../engine/lessons/lessons';
import type { WorkspaceServices } from '../workspace/services';
import { ChannelsLesson } from './ChannelsLesson';
import { CostsLesson } from './CostsLesson';
import { EquivarianceLesson } from './EquivarianceLesson';
import { FieldsLesson } from './FieldsLesson';
import { KernelsLesson } from './KernelsLesson';
import { PaddingLesson } from './PaddingLesson';
import { PoolingLesson } from './PoolingLesson';
import { SharingLesson } from './SharingLesson';
import { StridesLesson } from './StridesLesson';
import { ToeplitzLesson } from './ToeplitzLesson';

export const LESSON_VIEWS: Record<LessonId, (s: WorkspaceServices) => ReactNode> = {
  kernels: (s) => <KernelsLesson services={s} />,
  fields: (s) => <FieldsLesson services={s} />,
  costs: (s) => <CostsLesson services={s} />,
  equivariance: (s) => <EquivarianceLesson services={s} />,
  pooling: (s) => <PoolingLesson services={s} />,
  channels: (s) => <ChannelsLesson services={s} />,
  padding: (s) => <PaddingLesson services={s} />,
  sharing: (s) => <SharingLesson services={s} />,
  toeplitz: (s) => <ToeplitzLesson services={s} />,
  strides: (s) => <StridesLesson services={s} />,
};
