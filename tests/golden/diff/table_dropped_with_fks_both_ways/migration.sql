/*
  Warnings:

  - You are about to drop the column `pinnedId` on the `Post` table. All the data in the column will be lost.
  - You are about to drop the `Comment` table. If the table is not empty, all the data it contains will be lost.

*/
-- DropForeignKey
ALTER TABLE "Post" DROP CONSTRAINT "Post_pinnedId_fkey";

-- DropForeignKey
ALTER TABLE "Comment" DROP CONSTRAINT "Comment_authorId_fkey";

-- DropIndex
DROP INDEX "Post_pinnedId_key";

-- AlterTable
ALTER TABLE "Post" DROP COLUMN "pinnedId";

-- DropTable
DROP TABLE "Comment";
