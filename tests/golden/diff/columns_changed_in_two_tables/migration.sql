/*
  Warnings:

  - You are about to drop the column `y` on the `B` table. All the data in the column will be lost.

*/
-- AlterTable
ALTER TABLE "A" ADD COLUMN     "x2" INTEGER;

-- AlterTable
ALTER TABLE "B" DROP COLUMN "y";
